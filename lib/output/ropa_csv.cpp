// The record as CSV in the column layout of the UK ICO's "Documentation template for controllers"
// (sheet "Template", columns A to AD), one row per system and purpose, so that it can be pasted
// into the regulator's spreadsheet or compared with one kept there.
#include "output/csv.hpp"
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator = "; ") {
    return fmt::format("{}", fmt::join(items, separator));
}

// The controller section of the ICO template (name and contact, DPO, representative), repeated on
// every row so that each row stands on its own when filtered or pasted.
std::vector<std::string> controller_cells(const RopaRecord& record) {
    const auto& c = record.controller;
    if (!c.recorded) return {"not recorded", "not recorded", "not recorded"};
    std::vector<std::string> contact;
    for (const auto* part : {&c.name, &c.registration, &c.address, &c.email, &c.phone})
        if (!part->empty()) contact.push_back(*part);
    return {joined(contact, ", "), joined(dpo_field(c).lines), joined(representative_field(c).lines)};
}

std::vector<std::string> row(const SystemEntry& system, const PurposeEntry* purpose,
                             const std::vector<std::string>& controller) {
    std::vector<std::string> joint, recipients, contracts, countries, safeguards;
    for (const auto& r : purpose ? purpose->recipients : system.recipients) {
        recipients.push_back(recipient_summary(r));
        if (r.role == "joint-controller") joint.push_back(r.contact.empty() ? r.name : r.name + ", " + r.contact);
        if (r.role == "processor")
            contracts.push_back(fmt::format("{}: {}", r.name, r.agreement.empty() ? "none recorded" : r.agreement));
        if (r.third_country) {
            countries.push_back(fmt::format("{} ({})", r.country, r.name));
            safeguards.push_back(fmt::format("{}: {}", r.name, r.safeguard));
        }
    }
    std::vector<std::string> cells(ico_controller_columns().size());
    cells[0] = system.owner;
    cells[2] = joined(joint);
    cells[3] = joined(system.subjects, ", ");
    cells[5] = joined(recipients);
    cells[6] = joined(contracts);
    cells[7] = joined(countries);
    cells[8] = joined(safeguards);
    cells[10] = joined(system.security, ", ");
    cells[17] = joined(system.sources, ", ");
    cells[19] = fmt::format("{} ({})", system.name, system.id);
    std::copy(controller.begin(), controller.end(), cells.end() - static_cast<std::ptrdiff_t>(controller.size()));
    if (!purpose) {
        cells[1] = "no purpose recorded";
        cells[4] = data_summary(system.data);
        cells[9] = joined(retention_lines(system.retention));
        return cells;
    }
    cells[1] = purpose->description;
    cells[4] = data_summary(purpose->data);
    cells[9] = joined(retention_lines(purpose->retention));
    if (!purpose->basis.empty()) {
        cells[11] = fmt::format("{} ({})", purpose->basis_label, purpose->basis_article);
        if (!purpose->law.empty()) cells[11] += ": " + purpose->law;
    } else {
        cells[11] = "not recorded";
    }
    std::vector<std::string> conditions;
    if (!purpose->special_condition.empty())
        conditions.push_back("GDPR Art. " + purpose->special_condition);
    else if (purpose->special)
        conditions.emplace_back("not recorded");
    if (purpose->criminal)
        conditions.push_back("Art. 10: " + (purpose->criminal_authority.empty() ? std::string("not recorded")
                                                                                : purpose->criminal_authority));
    cells[12] = joined(conditions);
    if (purpose->basis == "legitimate-interests")
        cells[13] = purpose->interest.empty() ? purpose->description : purpose->interest;
    cells[14] = purpose->lia;
    std::vector<std::string> rights;
    for (const auto& right : purpose->rights) rights.emplace_back(right_label(right));
    cells[15] = joined(rights, ", ");
    cells[18] = purpose->consent_evidence;
    if ((purpose->special || purpose->criminal) && !purpose->basis.empty()) cells[26] = cells[11];
    return cells;
}

}  // namespace

const std::vector<std::string>& ico_controller_columns() {
    static const std::vector<std::string> columns{
        "Business function",
        "Purpose of processing",
        "Name and contact details of joint controller (if applicable)",
        "Categories of individuals",
        "Categories of personal data",
        "Categories of recipients",
        "Link to contract with processor",
        "Names of third countries or international organisations that personal data are transferred to (if "
        "applicable)",
        "Safeguards for exceptional transfers of personal data to third countries or international organisations "
        "(if applicable)",
        "Retention schedule (if possible)",
        "General description of technical and organisational security measures (if possible)",
        "Article 6 lawful basis for processing personal data",
        "Article 9 condition for processing special category data",
        "Legitimate interests for the processing (if applicable)",
        "Link to record of legitimate interests assessment (if applicable)",
        "Rights available to individuals",
        "Existence of automated decision-making, including profiling (if applicable)",
        "The source of the personal data (if applicable)",
        "Link to record of consent",
        "Location of personal data",
        "Data Protection Impact Assessment required?",
        "Data Protection Impact Assessment progress",
        "Link to Data Protection Impact Assessment",
        "Has a personal data breach occurred?",
        "Link to record of personal data breach",
        "Data Protection Act 2018 Schedule 1 Condition for processing",
        "GDPR Article 6 lawful basis for processing",
        "Link to retention and erasure policy document",
        "Is personal data retained and erased in accordance with the policy document?",
        "Reasons for not adhering to policy document (if applicable)",
        // The template's controller section, as columns (Art. 30(1)(a)).
        "Name and contact details of controller",
        "Data Protection Officer (if applicable)",
        "Representative (if applicable)",
    };
    return columns;
}

void write_ropa_csv(std::ostream& out, const RopaRecord& record) {
    out << csv_row(ico_controller_columns());
    auto controller = controller_cells(record);
    for (const auto& system : record.systems) {
        if (system.purposes.empty()) out << csv_row(row(system, nullptr, controller));
        for (const auto& purpose : system.purposes) out << csv_row(row(system, &purpose, controller));
    }
}

}  // namespace gdprctl::output
