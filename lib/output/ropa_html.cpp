// The record as one self-contained, printable HTML page.
#include "output/html_page.hpp"
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

void write_fields(std::ostream& out, const std::vector<Field>& fields) {
    out << "<table class=\"fields\">\n";
    for (const auto& f : fields) {
        out << (f.flagged ? "<tr class=\"flag\">" : "<tr>") << "<th scope=\"row\">" << html_escape(f.label)
            << "</th><td>";
        if (f.lines.size() == 1) {
            out << html_escape(f.lines.front());
        } else {
            out << "<ul>";
            for (const auto& line : f.lines) out << "<li>" << html_escape(line) << "</li>";
            out << "</ul>";
        }
        out << "</td></tr>\n";
    }
    out << "</table>\n";
}

struct Counts {
    std::size_t purposes = 0;
    std::size_t transfers = 0;
    std::size_t flagged = 0;
};

Counts count(const RopaRecord& record) {
    Counts counts;
    for (const auto& r : record.recipients) counts.transfers += r.third_country ? 1 : 0;
    auto flagged = [](const std::vector<Field>& fields) {
        return static_cast<std::size_t>(
            std::count_if(fields.begin(), fields.end(), [](const Field& f) { return f.flagged; }));
    };
    counts.flagged += flagged(controller_fields(record));
    for (const auto& system : record.systems) {
        counts.purposes += system.purposes.size();
        counts.flagged += flagged(system_fields(system));
        for (const auto& purpose : system.purposes) counts.flagged += flagged(purpose_fields(purpose));
    }
    return counts;
}

void write_summary(std::ostream& out, const RopaRecord& record) {
    auto counts = count(record);
    out << "<ul class=\"summary\">\n";
    out << fmt::format("<li><b>{}</b>systems</li>\n", record.systems.size());
    out << fmt::format("<li><b>{}</b>purposes</li>\n", counts.purposes);
    out << fmt::format("<li><b>{}</b>recipients</li>\n", record.recipients.size());
    out << fmt::format("<li><b>{}</b>third-country recipients</li>\n", counts.transfers);
    out << fmt::format("<li{}><b>{}</b>entries to act on</li>\n", counts.flagged ? " class=\"warn\"" : "",
                       counts.flagged);
    out << "</ul>\n";
}

void write_recipients(std::ostream& out, const RopaRecord& record) {
    out << "<h2 id=\"recipients\">Recipients and transfers <span class=\"muted\">Art. 30(1)(d), (e)</span></h2>\n";
    if (record.recipients.empty()) {
        out << "<p>No recipients are recorded in the register.</p>\n";
        return;
    }
    out << "<table class=\"grid\">\n<thead><tr><th>Recipient</th><th>Role</th><th>Country</th>"
           "<th>Transfer safeguard</th><th>Agreement (Art. 28)</th></tr></thead>\n<tbody>\n";
    for (const auto& r : record.recipients) {
        std::string safeguard = r.country.empty() ? "country not recorded"
                                : r.third_country ? r.safeguard
                                                  : std::string("within the EEA");
        bool flag_transfer = !r.transfer_lawful;
        bool flag_agreement = r.role == "processor" && r.agreement.empty();
        std::string agreement = !r.agreement.empty()    ? r.agreement
                                : r.role == "processor" ? "none recorded"
                                                        : "not applicable";
        out << "<tr><td>" << html_escape(r.name) << " <code>" << html_escape(r.id) << "</code></td><td>"
            << html_escape(role_label(r.role)) << "</td><td>"
            << html_escape(r.country.empty() ? "not recorded" : r.country) << "</td><td"
            << (flag_transfer ? " class=\"flag\"" : "") << ">" << html_escape(safeguard) << "</td><td"
            << (flag_agreement ? " class=\"flag\"" : "") << ">" << html_escape(agreement) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

}  // namespace

void write_ropa_html(std::ostream& out, const RopaRecord& record) {
    const auto& controller = record.controller;
    std::string who = controller.recorded ? controller.name : std::string("the controller");
    write_html_head(out, "Record of processing activities: " + who);
    out << "<header class=\"doc\">\n<h1>Record of processing activities</h1>\n";
    out << "<p>" << html_escape(who) << " &middot; GDPR Art. 30(1) &middot; as of " << record.as_of.to_string()
        << "</p>\n";
    write_summary(out, record);
    out << "</header>\n";
    if (record.register_errors > 0)
        out << fmt::format(
            "<p class=\"banner\"><strong>Warning:</strong> the register has {} structural error{}; "
            "this record shows what could be read. Run <code>gdprctl check</code> for the "
            "details.</p>\n",
            record.register_errors, record.register_errors == 1 ? "" : "s");

    out << "<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#controller\">Controller</a></li>\n"
           "<li><a href=\"#processing\">Processing activities</a>\n<ol>\n";
    for (const auto& system : record.systems)
        out << "<li><a href=\"#" << system.anchor << "\">" << html_escape(system.name) << "</a></li>\n";
    out << "</ol>\n</li>\n<li><a href=\"#recipients\">Recipients and transfers</a></li>\n</ol>\n</nav>\n";

    out << "<h2 id=\"controller\">Controller <span class=\"muted\">Art. 30(1)(a)</span></h2>\n";
    write_fields(out, controller_fields(record));

    out << "<h2 id=\"processing\">Processing activities <span class=\"muted\">Art. 30(1)(b)&ndash;(g)</span></h2>\n";
    if (record.systems.empty()) out << "<p>No systems are recorded in the register.</p>\n";
    for (const auto& system : record.systems) {
        out << "<section class=\"system\" id=\"" << system.anchor << "\">\n<h3>" << html_escape(system.name)
            << " <code>" << html_escape(system.id) << "</code>";
        if (std::any_of(system.recipients.begin(), system.recipients.end(),
                        [](const RecipientEntry& r) { return r.third_country; }))
            out << "<span class=\"tag\">transfers outside the EEA</span>";
        out << "</h3>\n";
        write_fields(out, system_fields(system));
        if (system.purposes.empty()) out << "<p class=\"banner\">No purposes are recorded for this system.</p>\n";
        for (const auto& purpose : system.purposes) {
            out << "<div class=\"purpose\" id=\"" << anchor(system.anchor, "purpose-" + purpose.id) << "\">\n<h4>"
                << html_escape(purpose.description) << " <code>" << html_escape(purpose.id) << "</code>";
            if (purpose.basis.empty())
                out << "<span class=\"tag warn\">no lawful basis</span>";
            else
                out << "<span class=\"tag\">" << html_escape(purpose.basis_label) << "</span>";
            if (purpose.special) out << "<span class=\"tag special\">Art. 9 data</span>";
            if (purpose.criminal) out << "<span class=\"tag special\">Art. 10 data</span>";
            out << "</h4>\n";
            write_fields(out, purpose_fields(purpose));
            out << "</div>\n";
        }
        out << "</section>\n";
    }
    write_recipients(out, record);
    out << "<footer>Generated by gdprctl from the Register of Systems as of " << record.as_of.to_string()
        << ". Entries marked in amber are gaps the record must close (run <code>gdprctl check</code>).</footer>\n";
    write_html_tail(out);
}

}  // namespace gdprctl::output
