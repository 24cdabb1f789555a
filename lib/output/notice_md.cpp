// The privacy-notice tables as Markdown, to paste into (or include from) the published notice.
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

std::string kind(const DataItem& item) {
    if (item.data_class == model::DataClass::special) return "special category (GDPR Art. 9)";
    if (item.data_class == model::DataClass::criminal) return "criminal offence data (GDPR Art. 10)";
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

}  // namespace

void write_notice_markdown(std::ostream& out, const NoticeRecord& n) {
    const auto& c = n.controller;
    out << "# Privacy notice: how we handle personal data\n\n";
    out << fmt::format("These tables are generated from the Register of Systems of {} as of {}.\n\n",
                       c.recorded ? md_escape(c.name) : std::string("the controller"), n.as_of.to_string());
    if (n.register_errors > 0)
        out << fmt::format(
            "> **Warning:** the register has {} structural error{}; these tables show what could be "
            "read. Run `gdprctl check` before publishing.\n\n",
            n.register_errors, n.register_errors == 1 ? "" : "s");
    if (n.flagged() > 0)
        out << fmt::format("> **Before publishing:** {} entr{} marked ⚠ record a gap in the register.\n\n", n.flagged(),
                           n.flagged() == 1 ? "y" : "ies");
    if (!n.warnings.empty()) {
        out << fmt::format("> **⚠ Not stated, because the register does not support it ({}):**\n>\n",
                           n.warnings.size());
        for (const auto& warning : n.warnings) out << "> - " << md_escape(warning) << '\n';
        out << '\n';
    }

    out << "## Who we are\n\n";
    if (!c.recorded) {
        out << "⚠ The register records no organisation.\n\n";
    } else {
        out << "| Item | Details |\n|---|---|\n";
        out << fmt::format("| Controller | {} |\n", md_escape(c.name));
        if (!c.registration.empty()) out << fmt::format("| Registration | {} |\n", md_escape(c.registration));
        if (!c.address.empty()) out << fmt::format("| Address | {} |\n", md_escape(c.address));
        if (!c.email.empty()) out << fmt::format("| E-mail | {} |\n", md_escape(c.email));
        if (!c.phone.empty()) out << fmt::format("| Phone | {} |\n", md_escape(c.phone));
        if (c.responsible_person)
            out << fmt::format("| Responsible for data protection | {} |\n",
                               md_escape(c.responsible_person->summary()));
        if (c.dpo) out << fmt::format("| Data protection officer | {} |\n", md_escape(c.dpo->summary()));
        if (c.representative)
            out << fmt::format("| Representative in the EU | {} |\n", md_escape(c.representative->summary()));
        out << '\n';
    }

    out << "## What personal data we process\n\n";
    if (n.data.empty())
        out << "The register records no personal data.\n\n";
    else {
        out << "| Personal data | Kind | Used for |\n|---|---|---|\n";
        for (const auto& row : n.data) {
            std::vector<std::string> purposes;
            for (const auto& p : row.purposes) purposes.push_back(md_escape(p));
            out << fmt::format("| {} | {} | {} |\n", md_escape(row.item.name), kind(row.item),
                               fmt::join(purposes, "; "));
        }
        out << '\n';
    }

    out << "## Why we process it and on what legal basis\n\n";
    if (n.purposes.empty())
        out << "The register records no purposes.\n\n";
    else {
        out << "| Purpose | Personal data | Legal basis | Note | Must you provide it? |\n|---|---|---|---|---|\n";
        for (const auto& row : n.purposes)
            out << fmt::format("| {} | {} | {}{} | {} | {}{} |\n", md_escape(row.description), names(row.data),
                               flag(row.basis.empty()), row.basis.empty() ? "not recorded" : md_escape(row.basis),
                               md_escape(row.note), flag(row.requirement.empty()),
                               row.requirement.empty() ? "not recorded" : md_escape(row.requirement));
        out << '\n';
    }

    out << "## How long we keep it\n\n";
    if (n.retention.empty())
        out << "The register records no retention periods.\n\n";
    else {
        out << "| Purpose | Personal data | Kept for |\n|---|---|---|\n";
        for (const auto& row : n.retention)
            out << fmt::format("| {} | {} | {}{} |\n", md_escape(row.purpose), names(row.data), flag(row.flagged),
                               md_escape(row.period));
        out << "\nWhen a period ends, the data is deleted or anonymised.\n\n";
    }

    out << "## Who we share it with\n\n";
    if (n.third_parties.empty())
        out << "We do not share personal data with third parties.\n\n";
    else {
        out << "| Third party | Role | Country | Safeguard for transfers outside the EEA |\n|---|---|---|---|\n";
        for (const auto& row : n.third_parties)
            out << fmt::format("| {} | {} | {} | {}{} |\n", md_escape(row.name), md_escape(row.role),
                               md_escape(row.country), flag(row.flagged), md_escape(row.safeguard));
        out << '\n';
        if (n.third_country) out << md_escape(notice_transfer_copy_text(n)) << "\n\n";
    }

    out << "## Cookies\n\n";
    if (n.cookies.empty())
        out << "This website sets no cookies.\n\n";
    else {
        out << "| Cookie | Provider | Type | Purpose | Expiry | Consent |\n|---|---|---|---|---|---|\n";
        for (const auto& row : n.cookies)
            out << fmt::format("| {} | {} | {} | {} | {} | {}{} |\n", md_code(row.name), md_escape(row.provider),
                               md_escape(row.category), md_escape(row.purpose), md_escape(row.expiry),
                               flag(row.flagged), md_escape(row.consent));
        out << '\n';
        if (n.cookies_consented) out << "Cookies that need your consent are only set once you have given it.\n";
        out << '\n';
    }

    out << "## Automated decisions and profiling\n\n";
    if (n.automated.empty())
        out << "We take no decisions about you based solely on automated processing, including profiling.\n\n";
    else {
        out << "| System | How it decides | What it means for you |\n|---|---|---|\n";
        for (const auto& row : n.automated)
            out << fmt::format("| {} | {} | {}{} |\n", md_escape(row.system), md_escape(row.logic),
                               md_escape(row.consequences),
                               row.legal_effect ? " (a decision with legal or similarly significant effects: you "
                                                  "can ask for a person to review it, GDPR Art. 22(3))"
                                                : "");
        out << '\n';
    }

    out << "## Where the data comes from\n\n";
    if (n.sources.empty())
        out << "We collect the personal data from you.\n\n";
    else {
        out << "We collect personal data from you, and also from these sources:\n\n";
        out << "| Source | Personal data |\n|---|---|\n";
        for (const auto& row : n.sources) out << fmt::format("| {} | {} |\n", md_escape(row.source), names(row.data));
        out << '\n';
    }

    out << "## Your rights\n\n| Right | Article | What it means |\n|---|---|---|\n";
    for (const auto& right : n.rights)
        out << fmt::format("| {} | {} | {} |\n", right.name, right.article, md_escape(right.what));
    out << '\n' << (n.contact_email.empty() ? "⚠ " : "") << md_escape(notice_exercise_text(n)) << "\n\n";

    out << "## Contact and complaints\n\n";
    if (!n.contact_email.empty())
        out << fmt::format("Questions about this notice: {}.\n\n", md_escape(n.contact_email));
    out << md_escape(notice_complaint_text(n)) << '\n';
}

}  // namespace gdprctl::output
