#include "report/report.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "register/loader.hpp"
#include "report/notice.hpp"
#include "report/ropa_model.hpp"
#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace gdprctl::report {

const std::vector<std::string>& report_formats(ReportKind kind) {
    static const std::vector<std::string> ropa{"md", "html", "csv", "json"};
    static const std::vector<std::string> notice{"md", "html", "json"};
    return kind == ReportKind::ropa ? ropa : notice;
}

namespace {

std::string folded(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void keep_subjects(model::Register& reg, const std::vector<std::string>& wanted) {
    std::vector<std::string> known;
    for (const auto& system : reg.systems)
        for (const auto& subject : system.subjects)
            if (std::find(known.begin(), known.end(), folded(subject)) == known.end()) known.push_back(folded(subject));
    for (const auto& subject : wanted)
        if (std::find(known.begin(), known.end(), folded(subject)) == known.end()) {
            std::vector<std::string_view> names(known.begin(), known.end());
            auto hint = diag::did_you_mean(subject, names);
            throw UsageError(fmt::format("--subjects `{}`: no system processes data about `{}`", subject, subject),
                             hint.empty() ? fmt::format("the register names: {}", fmt::join(known, ", ")) : hint);
        }
    std::erase_if(reg.systems, [&](const model::System& system) {
        return std::none_of(system.subjects.begin(), system.subjects.end(), [&](const std::string& subject) {
            return std::any_of(wanted.begin(), wanted.end(),
                               [&](const std::string& w) { return folded(w) == folded(subject); });
        });
    });
    // Cookies of other audiences' systems go; a cookie tied to no system stays (it is the website's).
    std::erase_if(reg.cookies, [&](const model::Cookie& cookie) {
        return !cookie.system.empty() && !reg.find_system(cookie.system);
    });
    std::erase_if(reg.recipients, [&](const model::Recipient& recipient) {
        bool by_system = std::any_of(reg.systems.begin(), reg.systems.end(), [&](const model::System& system) {
            return std::find(system.recipients.begin(), system.recipients.end(), recipient.id) !=
                   system.recipients.end();
        });
        bool by_cookie = std::any_of(reg.cookies.begin(), reg.cookies.end(),
                                     [&](const model::Cookie& cookie) { return cookie.provider == recipient.id; });
        return !by_system && !by_cookie;
    });
}

}  // namespace

RenderedReport render_report(ReportKind kind, const std::filesystem::path& root, const std::string& format,
                             time::Date as_of, const std::vector<std::string>& subjects) {
    const auto& formats = report_formats(kind);
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
        throw UsageError(
            fmt::format("report {} cannot write --format {}", kind == ReportKind::ropa ? "ropa" : "notice", format),
            fmt::format("use one of: {}", fmt::join(formats, ", ")));
    auto loaded = reg::load_register(root);
    rules::apply_catalogue(loaded.diagnostics);
    auto errors = static_cast<std::size_t>(
        std::count_if(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                      [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; }));
    if (!subjects.empty()) {
        if (kind != ReportKind::notice)
            throw UsageError("--subjects applies to `report notice`", "the record of processing covers every system");
        keep_subjects(loaded.reg, subjects);
    }
    std::ostringstream out;
    std::vector<std::string> warnings;
    if (kind == ReportKind::ropa) {
        auto record = build_ropa(loaded.reg, as_of, errors);
        if (format == "md")
            write_ropa_markdown(out, record);
        else if (format == "html")
            write_ropa_html(out, record);
        else if (format == "csv")
            write_ropa_csv(out, record);
        else
            write_ropa_json(out, record);
    } else {
        auto notice = build_notice(loaded.reg, as_of, errors);
        if (format == "md")
            write_notice_markdown(out, notice);
        else if (format == "html")
            write_notice_html(out, notice);
        else
            write_notice_json(out, notice);
        warnings = std::move(notice.warnings);
    }
    return {out.str(), errors, std::move(warnings)};
}

}  // namespace gdprctl::report
