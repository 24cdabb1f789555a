// The record as GitHub-flavoured Markdown, for review in a pull request or a wiki.
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

void write_fields(std::ostream& out, const std::vector<Field>& fields) {
    out << "| Item | Details |\n|---|---|\n";
    for (const auto& f : fields) {
        std::vector<std::string> lines;
        for (const auto& line : f.lines) lines.push_back(md_escape(line));
        out << fmt::format("| {} | {}{} |\n", md_escape(f.label), f.flagged ? "⚠ " : "", fmt::join(lines, "<br>"));
    }
    out << '\n';
}

}  // namespace

void write_ropa_markdown(std::ostream& out, const RopaRecord& record) {
    const auto& controller = record.controller;
    out << "# Record of processing activities\n\n";
    out << fmt::format(
        "Record of processing activities under GDPR Art. 30(1) of {}, as of {}, generated from the "
        "Register of Systems by gdprctl.\n\n",
        controller.recorded ? md_escape(controller.name) : std::string("the controller"), record.as_of.to_string());
    if (record.register_errors > 0)
        out << fmt::format(
            "> **Warning:** the register has {} structural error{}; this record shows what could be "
            "read. Run `gdprctl check` for the details.\n\n",
            record.register_errors, record.register_errors == 1 ? "" : "s");

    out << "## Contents\n\n";
    out << "- [Controller](#controller)\n- [Processing activities](#processing)\n";
    for (const auto& system : record.systems)
        out << fmt::format("  - [{}](#{})\n", md_escape(system.name), system.anchor);
    out << "- [Recipients and transfers](#recipients)\n\n";

    out << "<a id=\"controller\"></a>\n\n## Controller (Art. 30(1)(a))\n\n";
    write_fields(out, controller_fields(record));

    out << "<a id=\"processing\"></a>\n\n## Processing activities (Art. 30(1)(b)-(g))\n\n";
    if (record.systems.empty()) out << "No systems are recorded in the register.\n\n";
    for (const auto& system : record.systems) {
        out << fmt::format("<a id=\"{}\"></a>\n\n### {} ({})\n\n", system.anchor, md_escape(system.name),
                           md_code(system.id));
        write_fields(out, system_fields(system));
        if (system.purposes.empty()) out << "⚠ No purposes are recorded for this system.\n\n";
        for (const auto& purpose : system.purposes) {
            out << fmt::format("#### Purpose: {} ({})\n\n", md_escape(purpose.description), md_code(purpose.id));
            write_fields(out, purpose_fields(purpose));
        }
    }

    out << "<a id=\"recipients\"></a>\n\n## Recipients and transfers (Art. 30(1)(d), (e))\n\n";
    if (record.recipients.empty()) {
        out << "No recipients are recorded in the register.\n";
        return;
    }
    out << "| Recipient | Role | Country | Transfer safeguard | Agreement (Art. 28) |\n|---|---|---|---|---|\n";
    for (const auto& r : record.recipients) {
        std::string safeguard = r.third_country ? r.safeguard : std::string("within the EEA");
        if (r.country.empty()) safeguard = "country not recorded";
        bool flag = !r.transfer_lawful;
        out << fmt::format(
            "| {} ({}) | {} | {} | {}{} | {} |\n", md_escape(r.name), md_code(r.id), role_label(r.role),
            md_escape(r.country.empty() ? "not recorded" : r.country), flag ? "⚠ " : "", md_escape(safeguard),
            md_escape(r.agreement.empty() ? (r.role == "processor" ? "⚠ none recorded" : "not applicable")
                                          : r.agreement));
    }
}

}  // namespace gdprctl::output
