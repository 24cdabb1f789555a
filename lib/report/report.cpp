#include "report/report.hpp"

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

RenderedReport render_report(ReportKind kind, const std::filesystem::path& root, const std::string& format,
                             time::Date as_of) {
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
    std::ostringstream out;
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
    }
    return {out.str(), errors};
}

}  // namespace gdprctl::report
