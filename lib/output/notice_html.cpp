// The privacy-notice tables as one self-contained HTML page.
#include "output/html_page.hpp"
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

std::string names(const std::vector<DataItem>& items) {
    std::vector<std::string> parts;
    for (const auto& item : items) {
        auto part = html_escape(item.name);
        if (item.data_class == model::DataClass::special) part += "<span class=\"tag special\">Art. 9</span>";
        if (item.data_class == model::DataClass::criminal) part += "<span class=\"tag special\">Art. 10</span>";
        parts.push_back(std::move(part));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string cell(std::string_view text, bool flagged = false) {
    return fmt::format("<td{}>{}</td>", flagged ? " class=\"flag\"" : "", html_escape(text));
}

void table_head(std::ostream& out, std::initializer_list<std::string_view> columns) {
    out << "<table class=\"grid\">\n<thead><tr>";
    for (auto column : columns) out << "<th>" << html_escape(column) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
}

void table_tail(std::ostream& out) {
    out << "</tbody>\n</table>\n";
}

}  // namespace

void write_notice_html(std::ostream& out, const NoticeRecord& n) {
    const auto& c = n.controller;
    std::string who = c.recorded ? c.name : std::string("the controller");
    write_html_head(out, "Privacy notice: " + who);
    out << "<header class=\"doc\">\n<h1>How we handle personal data</h1>\n<p>" << html_escape(who)
        << " &middot; generated from the Register of Systems as of " << n.as_of.to_string() << "</p>\n</header>\n";
    if (n.register_errors > 0)
        out << fmt::format(
            "<p class=\"banner\"><strong>Warning:</strong> the register has {} structural error{}; "
            "these tables show what could be read. Run <code>gdprctl check</code> before "
            "publishing.</p>\n",
            n.register_errors, n.register_errors == 1 ? "" : "s");
    if (n.flagged() > 0)
        out << fmt::format(
            "<p class=\"banner\"><strong>Before publishing:</strong> {} entr{} marked in amber "
            "record a gap in the register.</p>\n",
            n.flagged(), n.flagged() == 1 ? "y" : "ies");
    if (!n.warnings.empty()) {
        out << fmt::format(
            "<div class=\"banner\" role=\"alert\"><strong>Not stated, because the register does not support it "
            "({}):</strong>\n<ul>\n",
            n.warnings.size());
        for (const auto& warning : n.warnings) out << "<li>" << html_escape(warning) << "</li>\n";
        out << "</ul>\n</div>\n";
    }

    out << "<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n";
    for (auto [id, title] : {std::pair{"who", "Who we are"},
                             {"data", "What personal data we process"},
                             {"purposes", "Why and on what legal basis"},
                             {"retention", "How long we keep it"},
                             {"sharing", "Who we share it with"},
                             {"cookies", "Cookies"},
                             {"automated", "Automated decisions and profiling"},
                             {"sources", "Where the data comes from"},
                             {"rights", "Your rights"},
                             {"contact", "Contact and complaints"}})
        out << "<li><a href=\"#" << id << "\">" << title << "</a></li>\n";
    out << "</ol>\n</nav>\n";

    out << "<h2 id=\"who\">Who we are</h2>\n";
    if (!c.recorded) {
        out << "<p class=\"banner\">The register records no organisation.</p>\n";
    } else {
        out << "<table class=\"fields\">\n";
        auto row = [&](std::string_view label, const std::string& value) {
            if (!value.empty())
                out << "<tr><th scope=\"row\">" << html_escape(label) << "</th><td>" << html_escape(value)
                    << "</td></tr>\n";
        };
        row("Controller", c.name);
        row("Registration", c.registration);
        row("Address", c.address);
        row("E-mail", c.email);
        row("Phone", c.phone);
        if (c.responsible_person) row("Responsible for data protection", c.responsible_person->summary());
        if (c.dpo) row("Data protection officer", c.dpo->summary());
        if (c.representative) row("Representative in the EU", c.representative->summary());
        out << "</table>\n";
    }

    out << "<h2 id=\"data\">What personal data we process</h2>\n";
    table_head(out, {"Personal data", "Used for"});
    for (const auto& row : n.data)
        out << "<tr><td>" << names({row.item}) << "</td>" << cell(fmt::format("{}", fmt::join(row.purposes, "; ")))
            << "</tr>\n";
    table_tail(out);

    out << "<h2 id=\"purposes\">Why we process it and on what legal basis</h2>\n";
    table_head(out, {"Purpose", "Personal data", "Legal basis", "Note", "Must you provide it?"});
    for (const auto& row : n.purposes)
        out << "<tr>" << cell(row.description) << "<td>" << names(row.data) << "</td>"
            << cell(row.basis.empty() ? "not recorded" : row.basis, row.basis.empty()) << cell(row.note)
            << cell(row.requirement.empty() ? "not recorded" : row.requirement, row.requirement.empty()) << "</tr>\n";
    table_tail(out);

    out << "<h2 id=\"retention\">How long we keep it</h2>\n";
    table_head(out, {"Purpose", "Personal data", "Kept for"});
    for (const auto& row : n.retention)
        out << "<tr>" << cell(row.purpose) << "<td>" << names(row.data) << "</td>" << cell(row.period, row.flagged)
            << "</tr>\n";
    table_tail(out);
    out << "<p>When a period ends, the data is deleted or anonymised.</p>\n";

    out << "<h2 id=\"sharing\">Who we share it with</h2>\n";
    table_head(out, {"Third party", "Role", "Country", "Safeguard for transfers outside the EEA"});
    for (const auto& row : n.third_parties)
        out << "<tr>" << cell(row.name) << cell(row.role) << cell(row.country) << cell(row.safeguard, row.flagged)
            << "</tr>\n";
    table_tail(out);
    if (n.third_country) out << "<p>" << html_escape(notice_transfer_copy_text(n)) << "</p>\n";

    out << "<h2 id=\"cookies\">Cookies</h2>\n";
    table_head(out, {"Cookie", "Provider", "Type", "Purpose", "Expiry", "Consent"});
    for (const auto& row : n.cookies)
        out << "<tr><td><code>" << html_escape(row.name) << "</code></td>" << cell(row.provider) << cell(row.category)
            << cell(row.purpose) << cell(row.expiry) << cell(row.consent, row.flagged) << "</tr>\n";
    table_tail(out);
    if (n.cookies_consented) out << "<p>Cookies that need your consent are only set once you have given it.</p>\n";

    out << "<h2 id=\"automated\">Automated decisions and profiling</h2>\n";
    if (n.automated.empty()) {
        out << "<p>We take no decisions about you based solely on automated processing, including profiling.</p>\n";
    } else {
        table_head(out, {"System", "How it decides", "What it means for you"});
        for (const auto& row : n.automated)
            out << "<tr>" << cell(row.system) << cell(row.logic)
                << cell(row.consequences + (row.legal_effect ? " (a decision with legal or similarly significant "
                                                               "effects: you can ask for a person to review it, GDPR "
                                                               "Art. 22(3))"
                                                             : ""))
                << "</tr>\n";
        table_tail(out);
    }

    out << "<h2 id=\"sources\">Where the data comes from</h2>\n";
    if (n.sources.empty()) {
        out << "<p>We collect the personal data from you.</p>\n";
    } else {
        out << "<p>We collect personal data from you, and also from these sources:</p>\n";
        table_head(out, {"Source", "Personal data"});
        for (const auto& row : n.sources)
            out << "<tr>" << cell(row.source) << "<td>" << names(row.data) << "</td></tr>\n";
        table_tail(out);
    }

    out << "<h2 id=\"rights\">Your rights</h2>\n";
    table_head(out, {"Right", "Article", "What it means"});
    for (const auto& right : n.rights)
        out << "<tr>" << cell(right.name) << cell(right.article) << cell(right.what) << "</tr>\n";
    table_tail(out);
    out << "<p" << (n.contact_email.empty() ? " class=\"banner\"" : "") << ">" << html_escape(notice_exercise_text(n))
        << "</p>\n";

    out << "<h2 id=\"contact\">Contact and complaints</h2>\n";
    if (!n.contact_email.empty())
        out << "<p>Questions about this notice: <a href=\"mailto:" << html_escape(n.contact_email) << "\">"
            << html_escape(n.contact_email) << "</a>.</p>\n";
    out << "<p>" << html_escape(notice_complaint_text(n)) << "</p>\n";
    out << "<footer>Generated by gdprctl from the Register of Systems as of " << n.as_of.to_string() << ".</footer>\n";
    write_html_tail(out);
}

}  // namespace gdprctl::output
