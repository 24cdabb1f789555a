// The privacy-notice tables as one self-contained HTML page, in the notice's language (every word
// from report/notice_text).
#include "output/html_page.hpp"
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

std::string names(Language lang, const std::vector<DataItem>& items) {
    std::vector<std::string> parts;
    for (const auto& item : items) {
        auto part = html_escape(item.name);
        if (item.data_class == model::DataClass::special)
            part += fmt::format("<span class=\"tag special\">{}</span>", phrase(lang, Phrase::tag_special));
        if (item.data_class == model::DataClass::criminal)
            part += fmt::format("<span class=\"tag special\">{}</span>", phrase(lang, Phrase::tag_criminal));
        parts.push_back(std::move(part));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string cell(std::string_view text, bool flagged = false) {
    return fmt::format("<td{}>{}</td>", flagged ? " class=\"flag\"" : "", html_escape(text));
}

void table_head(std::ostream& out, Language lang, std::initializer_list<Phrase> columns) {
    out << "<table class=\"grid\">\n<thead><tr>";
    for (auto column : columns) out << "<th>" << html_escape(phrase(lang, column)) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
}

void table_tail(std::ostream& out) {
    out << "</tbody>\n</table>\n";
}

}  // namespace

void write_notice_html(std::ostream& out, const NoticeRecord& n) {
    const auto lang = n.language;
    auto text = [lang](Phrase id) { return phrase(lang, id); };
    const auto& c = n.controller;
    std::string who = c.recorded ? c.name : std::string(text(Phrase::the_controller));
    write_html_head(out, say(lang, Phrase::html_title, who), to_string(lang));
    out << "<header class=\"doc\">\n<h1>" << html_escape(text(Phrase::html_heading)) << "</h1>\n<p>" << html_escape(who)
        << " &middot; " << html_escape(say(lang, Phrase::generated_from_short, n.as_of.to_string()))
        << "</p>\n</header>\n";
    if (n.register_errors > 0)
        out << fmt::format(
            "<p class=\"banner\"><strong>{}</strong> {} {}</p>\n", html_escape(text(Phrase::warning_label)),
            html_escape(say(lang, n.register_errors == 1 ? Phrase::register_errors_one : Phrase::register_errors_many,
                            n.register_errors)),
            say(lang, Phrase::run_check_before_publishing, "<code>gdprctl check</code>"));
    if (n.flagged() > 0)
        out << fmt::format(
            "<p class=\"banner\"><strong>{}</strong> {}</p>\n", html_escape(text(Phrase::before_publishing_label)),
            html_escape(
                say(lang, n.flagged() == 1 ? Phrase::gaps_in_amber_one : Phrase::gaps_in_amber_many, n.flagged())));
    if (!n.warnings.empty()) {
        out << fmt::format("<div class=\"banner\" role=\"alert\"><strong>{}</strong>\n<ul>\n",
                           html_escape(say(lang, Phrase::not_stated, n.warnings.size())));
        for (const auto& warning : n.warnings) out << "<li>" << html_escape(warning) << "</li>\n";
        out << "</ul>\n</div>\n";
    }

    out << "<nav class=\"toc\">\n<h2>" << html_escape(text(Phrase::contents)) << "</h2>\n<ol>\n";
    for (auto [id, title] : {std::pair{"who", Phrase::section_who},
                             {"data", Phrase::section_data},
                             {"purposes", Phrase::section_purposes_short},
                             {"retention", Phrase::section_retention},
                             {"sharing", Phrase::section_sharing},
                             {"cookies", Phrase::section_cookies},
                             {"automated", Phrase::section_automated},
                             {"sources", Phrase::section_sources},
                             {"rights", Phrase::section_rights},
                             {"contact", Phrase::section_contact}})
        out << "<li><a href=\"#" << id << "\">" << html_escape(text(title)) << "</a></li>\n";
    out << "</ol>\n</nav>\n";
    auto heading = [&](std::string_view id, Phrase title) {
        out << "<h2 id=\"" << id << "\">" << html_escape(text(title)) << "</h2>\n";
    };

    heading("who", Phrase::section_who);
    if (!c.recorded) {
        out << "<p class=\"banner\">" << html_escape(text(Phrase::no_organisation)) << "</p>\n";
    } else {
        out << "<table class=\"fields\">\n";
        for (const auto& [label, value] : notice_controller_rows(c))
            out << "<tr><th scope=\"row\">" << html_escape(text(label)) << "</th><td>" << html_escape(value)
                << "</td></tr>\n";
        out << "</table>\n";
    }

    heading("data", Phrase::section_data);
    table_head(out, lang, {Phrase::column_personal_data, Phrase::column_used_for});
    for (const auto& row : n.data)
        out << "<tr><td>" << names(lang, {row.item}) << "</td>"
            << cell(fmt::format("{}", fmt::join(row.purposes, "; "))) << "</tr>\n";
    table_tail(out);

    heading("purposes", Phrase::section_purposes);
    table_head(out, lang,
               {Phrase::column_purpose, Phrase::column_personal_data, Phrase::column_legal_basis, Phrase::column_note,
                Phrase::column_must_provide});
    const std::string not_recorded(text(Phrase::not_recorded));
    for (const auto& row : n.purposes)
        out << "<tr>" << cell(row.description) << "<td>" << names(lang, row.data) << "</td>"
            << cell(row.basis.empty() ? not_recorded : row.basis, row.basis.empty()) << cell(row.note)
            << cell(row.requirement.empty() ? not_recorded : row.requirement, row.requirement.empty()) << "</tr>\n";
    table_tail(out);

    heading("retention", Phrase::section_retention);
    table_head(out, lang, {Phrase::column_purpose, Phrase::column_personal_data, Phrase::column_kept_for});
    for (const auto& row : n.retention)
        out << "<tr>" << cell(row.purpose) << "<td>" << names(lang, row.data) << "</td>"
            << cell(row.period, row.flagged) << "</tr>\n";
    table_tail(out);
    out << "<p>" << html_escape(text(Phrase::period_ends)) << "</p>\n";

    heading("sharing", Phrase::section_sharing);
    table_head(out, lang,
               {Phrase::column_third_party, Phrase::column_role, Phrase::column_country, Phrase::column_safeguard});
    for (const auto& row : n.third_parties)
        out << "<tr>" << cell(row.name) << cell(row.role) << cell(row.country) << cell(row.safeguard, row.flagged)
            << "</tr>\n";
    table_tail(out);
    if (n.third_country) out << "<p>" << html_escape(notice_transfer_copy_text(n)) << "</p>\n";

    heading("cookies", Phrase::section_cookies);
    table_head(out, lang,
               {Phrase::column_cookie, Phrase::column_provider, Phrase::column_type, Phrase::column_purpose,
                Phrase::column_expiry, Phrase::column_consent});
    for (const auto& row : n.cookies)
        out << "<tr><td><code>" << html_escape(row.name) << "</code></td>" << cell(row.provider) << cell(row.category)
            << cell(row.purpose) << cell(row.expiry) << cell(row.consent, row.flagged) << "</tr>\n";
    table_tail(out);
    if (n.cookies_consented) out << "<p>" << html_escape(text(Phrase::cookies_consented)) << "</p>\n";

    heading("automated", Phrase::section_automated);
    if (n.automated.empty()) {
        out << "<p>" << html_escape(text(Phrase::no_automated)) << "</p>\n";
    } else {
        table_head(out, lang,
                   {Phrase::column_system, Phrase::column_how_it_decides, Phrase::column_what_it_means_for_you});
        for (const auto& row : n.automated)
            out << "<tr>" << cell(row.system) << cell(row.logic)
                << cell(row.legal_effect ? say(lang, Phrase::legal_effect, row.consequences) : row.consequences)
                << "</tr>\n";
        table_tail(out);
    }

    heading("sources", Phrase::section_sources);
    if (n.sources.empty()) {
        out << "<p>" << html_escape(text(Phrase::sources_only_you)) << "</p>\n";
    } else {
        out << "<p>" << html_escape(text(Phrase::sources_also)) << "</p>\n";
        table_head(out, lang, {Phrase::column_source, Phrase::column_personal_data});
        for (const auto& row : n.sources)
            out << "<tr>" << cell(row.source) << "<td>" << names(lang, row.data) << "</td></tr>\n";
        table_tail(out);
    }

    heading("rights", Phrase::section_rights);
    table_head(out, lang, {Phrase::column_right, Phrase::column_article, Phrase::column_what_it_means});
    for (const auto& right : n.rights)
        out << "<tr>" << cell(right.name) << cell(right.article) << cell(right.what) << "</tr>\n";
    table_tail(out);
    out << "<p" << (n.contact_email.empty() ? " class=\"banner\"" : "") << ">" << html_escape(notice_exercise_text(n))
        << "</p>\n";

    heading("contact", Phrase::section_contact);
    if (!n.contact_email.empty())
        out << "<p>" << html_escape(text(Phrase::questions)) << " <a href=\"mailto:" << html_escape(n.contact_email)
            << "\">" << html_escape(n.contact_email) << "</a>.</p>\n";
    out << "<p>" << html_escape(notice_complaint_text(n)) << "</p>\n";
    out << "<footer>" << html_escape(say(lang, Phrase::footer, n.as_of.to_string())) << "</footer>\n";
    write_html_tail(out);
}

}  // namespace gdprctl::output
