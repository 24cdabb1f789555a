#include "output/review_formats.hpp"
#include "output/terminal.hpp"

#include "output/json_writer.hpp"
#include "output/html_page.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace gdprctl::output {
namespace {

using diag::Severity;
using review::Action;
using review::Area;
using review::ReviewResult;

constexpr Severity shown_severities[] = {Severity::error, Severity::warning};

std::string due_text(const Action& action) { return action.due ? action.due->to_string() : "now"; }

std::string where(const Action& action) {
    if (action.file.empty()) return {};
    return action.line > 0 ? fmt::format("{}:{}", action.file, action.line) : action.file;
}

// Terminal text: one escaper for every text writer (control and bidi characters never reach the
// terminal raw).
std::string printable(std::string_view text) { return terminal_escape(text); }

std::string headline(const ReviewResult& result) {
    auto errors = std::count_if(result.actions.begin(), result.actions.end(),
                                [](const Action& a) { return a.severity == Severity::error; });
    if (result.actions.empty()) return "nothing needs action";
    return fmt::format("{} action{} ({} error{}, {} warning{})", result.actions.size(),
                       result.actions.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                       result.actions.size() - static_cast<std::size_t>(errors),
                       result.actions.size() - static_cast<std::size_t>(errors) == 1 ? "" : "s");
}

void write_text(std::ostream& out, const ReviewResult& result) {
    std::string text = fmt::format("Review as of {}{}: {}\n", result.as_of.to_string(),
                                   result.organisation.empty() ? "" : " for " + printable(result.organisation),
                                   headline(result));
    if (!result.store_read) text += fmt::format("(requests not reviewed: {})\n", printable(result.store_note));
    for (auto area : review::areas()) {
        auto errors = result.count(area, Severity::error), warnings = result.count(area, Severity::warning);
        if (errors + warnings == 0) continue;
        text += fmt::format("\n{} ({} error{}, {} warning{})\n", review::to_string(area), errors,
                            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        for (const auto& action : result.actions) {
            if (action.area != area) continue;
            text += fmt::format("  {:<8} {}\n", diag::to_string(action.severity), printable(action.what));
            text += fmt::format("           {} | owner: {} | due: {}", printable(action.article),
                                printable(action.owner), due_text(action));
            if (auto w = where(action); !w.empty()) text += " | " + printable(w);
            text += "\n";
        }
    }
    out << text;
}

void write_action_json(JsonWriter& json, const Action& action) {
    json.begin_object();
    json.field("area", review::to_string(action.area));
    json.field("severity", diag::to_string(action.severity));
    json.field("what", action.what);
    json.field("article", action.article);
    json.field("owner", action.owner);
    json.key("due");
    if (action.due)
        json.value(action.due->to_string());
    else
        json.null();
    json.field("rule", action.rule);
    json.field("ref", action.ref);
    if (!action.file.empty()) {
        json.field("file", action.file);
        json.field("line", action.line);
    }
    json.end_object();
}

void write_json(std::ostream& out, const ReviewResult& result) {
    JsonWriter json(out);
    json.begin_object();
    json.field("as_of", result.as_of.to_string());
    json.field("organisation", result.organisation);
    json.field("store_read", result.store_read);
    if (!result.store_read) json.field("store_note", result.store_note);
    json.key("summary").begin_object();
    for (auto area : review::areas()) {
        json.key(review::to_string(area)).begin_object();
        for (auto severity : shown_severities) json.field(diag::to_string(severity), result.count(area, severity));
        json.end_object();
    }
    json.end_object();
    json.key("actions").begin_array();
    for (const auto& action : result.actions) write_action_json(json, action);
    json.end_array();
    json.key("upcoming").begin_array();
    for (const auto& deadline : result.upcoming) {
        json.begin_object();
        json.field("area", review::to_string(deadline.area));
        json.field("what", deadline.what);
        json.field("due", deadline.due.to_string());
        json.end_object();
    }
    json.end_array();
    json.end_object();
    out << "\n";
}

void write_md(std::ostream& out, const ReviewResult& result) {
    std::string text = fmt::format("# Review as of {}\n\n", result.as_of.to_string());
    if (!result.organisation.empty()) text += report::md_escape(result.organisation) + ": ";
    text += headline(result) + ".\n\n";
    if (!result.store_read) text += fmt::format("Requests not reviewed: {}.\n\n", report::md_escape(result.store_note));
    text += "| Area | Errors | Warnings |\n|---|---:|---:|\n";
    for (auto area : review::areas())
        text += fmt::format("| {} | {} | {} |\n", review::to_string(area), result.count(area, Severity::error),
                            result.count(area, Severity::warning));
    text += "\n## Actions\n\n| Area | Severity | What | Article | Owner | Due | Where |\n|---|---|---|---|---|---|---|\n";
    for (const auto& action : result.actions)
        text += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", review::to_string(action.area),
                            diag::to_string(action.severity), report::md_escape(action.what),
                            report::md_escape(action.article), report::md_escape(action.owner), due_text(action),
                            where(action).empty() ? "" : report::md_code(where(action)));
    if (!result.upcoming.empty()) {
        text += "\n## Coming deadlines\n\n| Due | Area | What |\n|---|---|---|\n";
        for (const auto& deadline : result.upcoming)
            text += fmt::format("| {} | {} | {} |\n", deadline.due.to_string(), review::to_string(deadline.area),
                                report::md_escape(deadline.what));
    }
    out << text;
}

// ---- HTML ------------------------------------------------------------------------------------

constexpr std::string_view review_css = R"css(
<style>
.sev-error { color: #a4262c; font-weight: 600; }
.sev-warning { color: #8a5a00; font-weight: 600; }
table.counts td, table.counts th { text-align: center; }
table.counts td:first-child, table.counts th:first-child { text-align: left; }
td.n-error { background: #fde7e9; font-weight: 600; }
td.n-warning { background: #fff4dc; font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2430; }
svg .muted { fill: #5b6473; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table.counts, table.actions { table-layout: fixed; }
table.actions td:first-child { width: auto; }
table.actions col.severity { width: 9%; }
table.actions col.what { width: 45%; }
table.actions col.article { width: 17%; }
table.actions col.owner { width: 17%; }
table.actions col.due { width: 12%; }
td.date { white-space: nowrap; }
p.legend { font-size: 0.85em; margin-top: 0; }
@media print { .charts { grid-template-columns: 1fr 1fr; } }
</style>
)css";

std::string esc(std::string_view text) { return report::html_escape(text); }

std::string area_colour(Area area) {
    switch (area) {
        case Area::register_: return "#1f5fa8";
        case Area::reviews: return "#2e7d4f";
        case Area::retention: return "#7a2e8c";
        case Area::requests: return "#c0561b";
        case Area::breaches: return "#b3261e";
        case Area::consent: return "#8a6d00";
    }
    return "#1f5fa8";
}

// The coming 90 days as a horizontal axis; each deadline a dot on its area's lane, overdue items
// gathered at the left edge.
std::string timeline_svg(const ReviewResult& result) {
    constexpr int width = 1000, left = 110, right = 20, lane = 34, top = 30;
    const auto span = 90;
    auto areas = review::areas();
    int height = top + lane * static_cast<int>(areas.size()) + 30;
    auto x_of = [&](long day) { return left + static_cast<double>(day) * (width - left - right) / span; };
    std::string svg = fmt::format(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Deadlines in the next {} days\" "
        "xmlns=\"http://www.w3.org/2000/svg\">\n",
        width, height, span);
    for (int week = 0; week <= span; week += 14) {
        auto x = x_of(week);
        svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#d8dde5\"/>\n", x,
                           top - 8, height - 24);
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" class=\"muted\">{}</text>\n", x,
                           height - 8, result.as_of.plus_days(week).to_string());
    }
    for (std::size_t i = 0; i < areas.size(); ++i) {
        int y = top + lane * static_cast<int>(i) + lane / 2;
        svg += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + 4, review::to_string(areas[i]));
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#aab3c0\"/>\n", left, y,
                           width - right, y);
        // Overdue and due-now actions of this area, as one marker at the left edge.
        auto now = std::count_if(result.actions.begin(), result.actions.end(), [&](const Action& a) {
            return a.area == areas[i] && (!a.due || *a.due <= result.as_of);
        });
        // Wide enough for the count's digits.
        const auto radius = 9 + 3 * std::max(0, static_cast<int>(std::to_string(now).size()) - 2);
        if (now > 0)
            svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#a4262c\"><title>{} due now or overdue</title>"
                               "</circle><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"fill:#fff;font-size:10px\">"
                               "{}</text>\n",
                               left, y, radius, now, left, y + 4, now);
        for (const auto& deadline : result.upcoming) {
            if (deadline.area != areas[i]) continue;
            auto day = (deadline.due.days() - result.as_of.days()).count();
            svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"6\" fill=\"{}\"><title>{}: {}</title></circle>\n",
                               x_of(day), y, area_colour(areas[i]), deadline.due.to_string(), esc(deadline.what));
        }
    }
    svg += "</svg>\n";
    return svg;
}

std::string bar_chart_svg(const std::string& label, const std::vector<std::pair<std::string, std::size_t>>& bars,
                          const std::string& colour) {
    constexpr int width = 480, left = 150, bar = 22, gap = 8;
    std::size_t max = 1;
    for (const auto& [name, n] : bars) max = std::max(max, n);
    int height = static_cast<int>(bars.size()) * (bar + gap) + 10;
    std::string svg = fmt::format(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n", width,
        std::max(height, 20), esc(label));
    int y = 4;
    for (const auto& [name, n] : bars) {
        double w = static_cast<double>(n) * (width - left - 40) / static_cast<double>(max);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8, y + bar / 2 + 4,
                           esc(name));
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>\n", left, y,
                           w, bar, colour);
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n", left + w + 6, y + bar / 2 + 4, n);
        y += bar + gap;
    }
    svg += "</svg>\n";
    return svg;
}

void write_html(std::ostream& out, const ReviewResult& result) {
    std::ostringstream page;
    auto title = fmt::format("Annual review as of {}", result.as_of.to_string());
    write_html_head(page, title);
    page << review_css;
    page << "<header class=\"doc\"><h1>" << esc(title) << "</h1>";
    if (!result.organisation.empty()) page << "<p>" << esc(result.organisation) << "</p>";
    page << "<p>" << esc(headline(result))
         << ". Every item says what needs doing, the article it rests on, who owns it and by when.</p></header>\n";
    if (!result.store_read)
        page << "<p class=\"banner\">Requests were not reviewed: " << esc(result.store_note) << ".</p>\n";

    page << "<h2>Summary</h2>\n<table class=\"grid counts\"><thead><tr><th>Area</th><th>Errors</th><th>Warnings</th>"
            "<th>Total</th></tr></thead><tbody>\n";
    for (auto area : review::areas()) {
        auto e = result.count(area, Severity::error), w = result.count(area, Severity::warning);
        page << "<tr><td>" << review::to_string(area) << "</td><td" << (e ? " class=\"n-error\"" : "") << ">" << e
             << "</td><td" << (w ? " class=\"n-warning\"" : "") << ">" << w << "</td><td>" << e + w
             << "</td></tr>\n";
    }
    page << "</tbody></table>\n";

    page << "<h2>Coming deadlines (90 days)</h2>\n" << timeline_svg(result);
    // The chart is read on paper and in screenshots too, where its tooltips are not there.
    page << "<p class=\"muted legend\"><span style=\"color:#a4262c\">&#9679;</span> with a number: actions of "
            "that area due on "
         << result.as_of.to_string()
         << " or overdue (listed under Actions); a small dot: a deadline to come (listed below).</p>\n";
    if (result.upcoming.empty())
        page << "<p class=\"muted\">No review or request falls due in the next 90 days.</p>\n";
    else {
        page << "<table class=\"grid\"><thead><tr><th>Due</th><th>Area</th><th>What</th></tr></thead><tbody>\n";
        for (const auto& deadline : result.upcoming)
            page << "<tr><td class=\"date\">" << deadline.due.to_string() << "</td><td>" << review::to_string(deadline.area)
                 << "</td><td>" << esc(deadline.what) << "</td></tr>\n";
        page << "</tbody></table>\n";
    }

    page << "<h2>Processing</h2>\n<div class=\"charts\"><div><h3>Purposes by lawful basis (Art. 6(1))</h3>\n";
    std::vector<std::pair<std::string, std::size_t>> bases(result.overview.purposes_by_basis.begin(),
                                                           result.overview.purposes_by_basis.end());
    page << bar_chart_svg("Purposes by lawful basis", bases, "#1f5fa8");
    page << "</div><div><h3>Data categories per system (Art. 30(1)(c))</h3>\n";
    page << bar_chart_svg("Data categories per system", result.overview.categories_by_system, "#2e7d4f");
    page << "</div></div>\n";

    page << "<h2>Actions</h2>\n";
    if (result.actions.empty()) page << "<p>Nothing needs action.</p>\n";
    for (auto area : review::areas()) {
        if (result.count(area, Severity::error) + result.count(area, Severity::warning) == 0) continue;
        page << "<h3>" << review::to_string(area)
             << "</h3>\n<table class=\"grid actions\"><colgroup><col class=\"severity\"><col class=\"what\">"
                "<col class=\"article\"><col class=\"owner\"><col class=\"due\"></colgroup><thead><tr><th>Severity</th>"
                "<th>What</th><th>Article</th><th>Owner</th><th>Due</th></tr></thead><tbody>\n";
        for (const auto& action : result.actions) {
            if (action.area != area) continue;
            page << "<tr><td class=\"sev-" << diag::to_string(action.severity) << "\">"
                 << diag::to_string(action.severity) << "</td><td>" << esc(action.what);
            if (auto w = where(action); !w.empty()) page << "<br><span class=\"muted\"><code>" << esc(w) << "</code></span>";
            page << "</td><td>" << esc(action.article) << "</td><td>" << esc(action.owner) << "</td><td class=\"date\">"
                 << due_text(action) << "</td></tr>\n";
        }
        page << "</tbody></table>\n";
    }
    write_html_tail(page);
    out << page.str();
}

void write_sign_text(std::ostream& out, const review::SignResult& result) {
    std::string text = fmt::format("signed the annual review of {} by {}: {} error{}, {} warning{} open; "
                                   "policy.last_review set to {} in {}\n",
                                   result.date.to_string(), printable(result.by), result.errors,
                                   result.errors == 1 ? "" : "s", result.warnings, result.warnings == 1 ? "" : "s",
                                   result.date.to_string(), printable(result.path));
    if (!result.accepted.empty())
        text += fmt::format("accepted {} open error-level item{} (recorded with the sign-off in the audit trail):\n",
                            result.accepted.size(), result.accepted.size() == 1 ? "" : "s");
    for (const auto& action : result.accepted) {
        text += fmt::format("  {:<9} {}\n", review::to_string(action.area), printable(action.what));
        text += fmt::format("            {} | owner: {} | due: {}", printable(action.article), printable(action.owner),
                            due_text(action));
        if (auto w = where(action); !w.empty()) text += " | " + printable(w);
        text += "\n";
    }
    out << text;
}

void write_sign_json(std::ostream& out, const review::SignResult& result) {
    JsonWriter json(out);
    json.begin_object();
    json.field("signed", result.date.to_string());
    json.field("by", result.by);
    json.field("file", result.path);
    json.field("errors", result.errors);
    json.field("warnings", result.warnings);
    json.key("accepted_open").begin_array();
    for (const auto& action : result.accepted) write_action_json(json, action);
    json.end_array();
    json.end_object();
    out << "\n";
}

}  // namespace

namespace {
constexpr Format<ReviewWriter> review_rows[]{
    {"text", "", write_text},
    {"json", "", write_json},
    {"md", "", write_md},
    {"html", "one self-contained page for the board", write_html},
};
constexpr Format<SignWriter> sign_rows[]{{"text", "", write_sign_text}, {"json", "", write_sign_json}};
}  // namespace

FormatTable<ReviewWriter> review_formats() { return review_rows; }
FormatTable<SignWriter> sign_formats() { return sign_rows; }

}  // namespace gdprctl::output
