// The privacy-notice tables as Markdown, to paste into (or include from) the published notice.
// Every word comes from the notice's wording table (report/notice_text), in the notice's language.
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

std::string kind(Language lang, const DataItem& item) {
    if (item.data_class == model::DataClass::special) return std::string(phrase(lang, Phrase::kind_special));
    if (item.data_class == model::DataClass::criminal) return std::string(phrase(lang, Phrase::kind_criminal));
    return "";
}

std::string names(const std::vector<DataItem>& items) {
    std::vector<std::string> parts;
    for (const auto& item : items) parts.push_back(md_escape(item.name));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string flag(bool flagged) {
    return flagged ? "⚠ " : "";
}

// A table header row and its rule: "| A | B |\n|---|---|\n".
std::string header(Language lang, std::initializer_list<Phrase> columns) {
    std::string head = "|", rule = "|";
    for (auto column : columns) {
        head += fmt::format(" {} |", phrase(lang, column));
        rule += "---|";
    }
    return head + "\n" + rule + "\n";
}

}  // namespace

void write_notice_markdown(std::ostream& out, const NoticeRecord& n) {
    const auto lang = n.language;
    auto say_md = [lang](Phrase id) { return phrase(lang, id); };
    const auto& c = n.controller;
    out << "# " << say_md(Phrase::doc_title) << "\n\n";
    out << say(lang, Phrase::generated_from,
               c.recorded ? md_escape(c.name) : std::string(say_md(Phrase::the_controller)), n.as_of.to_string())
        << "\n\n";
    if (n.register_errors > 0)
        out << fmt::format(
            "> **{}** {} {}\n\n", say_md(Phrase::warning_label),
            say(lang, n.register_errors == 1 ? Phrase::register_errors_one : Phrase::register_errors_many,
                n.register_errors),
            say(lang, Phrase::run_check_before_publishing, "`gdprctl check`"));
    if (n.flagged() > 0)
        out << fmt::format(
            "> **{}** {}\n\n", say_md(Phrase::before_publishing_label),
            say(lang, n.flagged() == 1 ? Phrase::gaps_marked_one : Phrase::gaps_marked_many, n.flagged()));
    if (!n.warnings.empty()) {
        out << fmt::format("> **⚠ {}**\n>\n", say(lang, Phrase::not_stated, n.warnings.size()));
        for (const auto& warning : n.warnings) out << "> - " << md_escape(warning) << '\n';
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_who) << "\n\n";
    if (!c.recorded) {
        out << "⚠ " << say_md(Phrase::no_organisation) << "\n\n";
    } else {
        out << header(lang, {Phrase::column_item, Phrase::column_details});
        for (const auto& [label, value] : notice_controller_rows(c))
            out << fmt::format("| {} | {} |\n", say_md(label), md_escape(value));
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_data) << "\n\n";
    if (n.data.empty())
        out << say_md(Phrase::no_data) << "\n\n";
    else {
        out << header(lang, {Phrase::column_personal_data, Phrase::column_kind, Phrase::column_used_for});
        for (const auto& row : n.data) {
            std::vector<std::string> purposes;
            for (const auto& p : row.purposes) purposes.push_back(md_escape(p));
            out << fmt::format("| {} | {} | {} |\n", md_escape(row.item.name), kind(lang, row.item),
                               fmt::join(purposes, "; "));
        }
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_purposes) << "\n\n";
    if (n.purposes.empty())
        out << say_md(Phrase::no_purposes) << "\n\n";
    else {
        out << header(lang, {Phrase::column_purpose, Phrase::column_personal_data, Phrase::column_legal_basis,
                             Phrase::column_note, Phrase::column_must_provide});
        const std::string not_recorded(say_md(Phrase::not_recorded));
        for (const auto& row : n.purposes)
            out << fmt::format("| {} | {} | {}{} | {} | {}{} |\n", md_escape(row.description), names(row.data),
                               flag(row.basis.empty()), row.basis.empty() ? not_recorded : md_escape(row.basis),
                               md_escape(row.note), flag(row.requirement.empty()),
                               row.requirement.empty() ? not_recorded : md_escape(row.requirement));
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_retention) << "\n\n";
    if (n.retention.empty())
        out << say_md(Phrase::no_retention) << "\n\n";
    else {
        out << header(lang, {Phrase::column_purpose, Phrase::column_personal_data, Phrase::column_kept_for});
        for (const auto& row : n.retention)
            out << fmt::format("| {} | {} | {}{} |\n", md_escape(row.purpose), names(row.data), flag(row.flagged),
                               md_escape(row.period));
        out << '\n' << say_md(Phrase::period_ends) << "\n\n";
    }

    out << "## " << say_md(Phrase::section_sharing) << "\n\n";
    if (n.third_parties.empty())
        out << say_md(Phrase::no_sharing) << "\n\n";
    else {
        out << header(
            lang, {Phrase::column_third_party, Phrase::column_role, Phrase::column_country, Phrase::column_safeguard});
        for (const auto& row : n.third_parties)
            out << fmt::format("| {} | {} | {} | {}{} |\n", md_escape(row.name), md_escape(row.role),
                               md_escape(row.country), flag(row.flagged), md_escape(row.safeguard));
        out << '\n';
        if (n.third_country) out << md_escape(notice_transfer_copy_text(n)) << "\n\n";
    }

    out << "## " << say_md(Phrase::section_cookies) << "\n\n";
    if (n.cookies.empty())
        out << say_md(Phrase::no_cookies) << "\n\n";
    else {
        out << header(lang, {Phrase::column_cookie, Phrase::column_provider, Phrase::column_type,
                             Phrase::column_purpose, Phrase::column_expiry, Phrase::column_consent});
        for (const auto& row : n.cookies)
            out << fmt::format("| {} | {} | {} | {} | {} | {}{} |\n", md_code(row.name), md_escape(row.provider),
                               md_escape(row.category), md_escape(row.purpose), md_escape(row.expiry),
                               flag(row.flagged), md_escape(row.consent));
        out << '\n';
        if (n.cookies_consented) out << say_md(Phrase::cookies_consented) << '\n';
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_automated) << "\n\n";
    if (n.automated.empty())
        out << say_md(Phrase::no_automated) << "\n\n";
    else {
        out << header(lang,
                      {Phrase::column_system, Phrase::column_how_it_decides, Phrase::column_what_it_means_for_you});
        for (const auto& row : n.automated)
            out << fmt::format(
                "| {} | {} | {} |\n", md_escape(row.system), md_escape(row.logic),
                md_escape(row.legal_effect ? say(lang, Phrase::legal_effect, row.consequences) : row.consequences));
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_sources) << "\n\n";
    if (n.sources.empty())
        out << say_md(Phrase::sources_only_you) << "\n\n";
    else {
        out << say_md(Phrase::sources_also) << "\n\n";
        out << header(lang, {Phrase::column_source, Phrase::column_personal_data});
        for (const auto& row : n.sources) out << fmt::format("| {} | {} |\n", md_escape(row.source), names(row.data));
        out << '\n';
    }

    out << "## " << say_md(Phrase::section_rights) << "\n\n"
        << header(lang, {Phrase::column_right, Phrase::column_article, Phrase::column_what_it_means});
    for (const auto& right : n.rights)
        out << fmt::format("| {} | {} | {} |\n", right.name, right.article, md_escape(right.what));
    out << '\n' << (n.contact_email.empty() ? "⚠ " : "") << md_escape(notice_exercise_text(n)) << "\n\n";

    out << "## " << say_md(Phrase::section_contact) << "\n\n";
    if (!n.contact_email.empty())
        out << fmt::format("{} {}.\n\n", say_md(Phrase::questions), md_escape(n.contact_email));
    out << md_escape(notice_complaint_text(n)) << '\n';
}

}  // namespace gdprctl::output
