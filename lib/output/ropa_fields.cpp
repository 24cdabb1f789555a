// The label/value layout of the record shared by the Markdown and HTML renderers.
#include "output/report_formats.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

constexpr std::string_view not_recorded = "not recorded";

Field field(std::string label, std::string value, bool flagged = false) {
    return {std::move(label), {std::move(value)}, flagged};
}

Field person_field(std::string label, const std::optional<ContactPerson>& person, std::string_view absent) {
    if (!person) return field(std::move(label), std::string(absent));
    return field(std::move(label), person->summary());
}

std::string or_not_recorded(const std::string& text) {
    return text.empty() ? std::string(not_recorded) : text;
}

std::string listed(const std::vector<std::string>& items) {
    return items.empty() ? std::string(not_recorded) : fmt::format("{}", fmt::join(items, ", "));
}

}  // namespace

std::string recipient_summary(const RecipientEntry& recipient) {
    if (!recipient.declared) return fmt::format("{} (not declared in the register)", recipient.name);
    std::vector<std::string> details;
    details.emplace_back(recipient.role.empty() ? std::string("role not recorded") : humanise_keyword(recipient.role));
    if (!recipient.country.empty()) details.push_back(recipient.country);
    return fmt::format("{} ({})", recipient.name, fmt::join(details, ", "));
}

std::vector<std::string> retention_lines(const std::vector<RetentionEntry>& entries) {
    std::vector<std::string> lines;
    for (const auto& entry : entries) {
        std::vector<std::string> names;
        for (const auto& item : entry.data) names.push_back(item.name);
        auto line = fmt::format("{}: {}", fmt::join(names, ", "), entry.text);
        if (!entry.reason.empty()) line += fmt::format(" ({})", entry.reason);
        lines.push_back(std::move(line));
    }
    return lines;
}

Field dpo_field(const ControllerBlock& c) {
    return person_field("Data protection officer (Art. 37)", c.dpo, "none designated");
}

Field representative_field(const ControllerBlock& c) {
    // Art. 27 applies only outside the EEA: say "not required" only where it is not.
    bool outside_eea = !c.country.empty() && !model::is_eea_country(c.country);
    auto representative = person_field("Representative (Art. 27)", c.representative,
                                       c.country.empty() ? "none recorded (country not recorded)"
                                       : outside_eea     ? "none designated (required: established outside the EEA)"
                                                         : "not required (established in the EEA)");
    representative.flagged = !c.representative && (outside_eea || c.country.empty());
    return representative;
}

std::vector<Field> controller_fields(const RopaRecord& record) {
    const auto& c = record.controller;
    std::vector<Field> fields;
    if (!c.recorded) {
        fields.push_back(field("Controller", "not recorded: gdpr.yaml has no organization block", true));
        return fields;
    }
    fields.push_back(field("Name", c.name));
    fields.push_back(field("Registration", or_not_recorded(c.registration)));
    fields.push_back(field("Country", or_not_recorded(c.country)));
    fields.push_back(field("Address", or_not_recorded(c.address)));
    std::vector<std::string> contact;
    if (!c.email.empty()) contact.push_back(c.email);
    if (!c.phone.empty()) contact.push_back(c.phone);
    fields.push_back(field("Contact", listed(contact), contact.empty()));
    fields.push_back(person_field("Responsible person", c.responsible_person, not_recorded));
    fields.push_back(dpo_field(c));
    fields.push_back(representative_field(c));
    std::vector<std::string> joint;
    for (const auto& recipient : record.joint_controllers) {
        auto line = recipient.name;
        if (!recipient.contact.empty()) line += ", " + recipient.contact;
        joint.push_back(std::move(line));
    }
    Field joint_field{"Joint controllers (Art. 26)", joint, false};
    if (joint.empty()) joint_field.lines = {"none"};
    fields.push_back(std::move(joint_field));
    fields.push_back(
        field("Supervisory authority", or_not_recorded(c.supervisory_authority), c.supervisory_authority.empty()));
    return fields;
}

std::vector<Field> system_fields(const SystemEntry& system) {
    std::vector<Field> fields;
    if (!system.description.empty()) fields.push_back(field("Description", system.description));
    fields.push_back(field("Business function (owner)", or_not_recorded(system.owner), system.owner.empty()));
    fields.push_back(field("Categories of data subjects", listed(system.subjects), system.subjects.empty()));
    fields.push_back(field("Categories of personal data", data_summary(system.data), system.data.empty()));
    fields.push_back(field("Sources of the data", listed(system.sources)));

    Field recipients{"Recipients", {}, false};
    for (const auto& recipient : system.recipients) recipients.lines.push_back(recipient_summary(recipient));
    if (recipients.lines.empty()) recipients.lines = {"none"};
    fields.push_back(std::move(recipients));

    Field transfers{"Transfers to third countries", {}, false};
    for (const auto& recipient : system.recipients) {
        if (!recipient.third_country) continue;
        transfers.lines.push_back(fmt::format("{}: {}, {}", recipient.name, recipient.country, recipient.safeguard));
        if (!recipient.transfer_lawful) transfers.flagged = true;
    }
    if (transfers.lines.empty()) transfers.lines = {"none"};
    fields.push_back(std::move(transfers));

    Field retention{"Erasure time limits", retention_lines(system.retention), false};
    retention.flagged = std::any_of(system.retention.begin(), system.retention.end(),
                                    [](const auto& entry) { return entry.undetermined || entry.missing; });
    if (retention.lines.empty()) retention.lines = {"no personal data recorded"};
    fields.push_back(std::move(retention));

    fields.push_back(field("Security measures (Art. 32)", listed(system.security), system.security.empty()));
    if (system.last_review.empty())
        fields.push_back(field("Review", "never reviewed", true));
    else
        fields.push_back(field("Review",
                               fmt::format("last {}, next due {}{}", system.last_review, system.next_review,
                                           system.review_overdue ? " (overdue)" : ""),
                               system.review_overdue));
    return fields;
}

std::vector<Field> purpose_fields(const PurposeEntry& purpose) {
    std::vector<Field> fields;
    if (purpose.basis.empty())
        fields.push_back(field("Lawful basis", "not recorded", true));
    else
        fields.push_back(field("Lawful basis", fmt::format("{} ({})", purpose.basis_label, purpose.basis_article)));
    fields.push_back(field("Personal data", data_summary(purpose.data), purpose.data.empty()));
    if (purpose.special || !purpose.special_condition.empty())
        fields.push_back(field(
            "Art. 9 condition",
            purpose.special_condition.empty() ? std::string("not recorded") : "GDPR Art. " + purpose.special_condition,
            purpose.special_condition.empty()));
    if (purpose.criminal || !purpose.criminal_authority.empty())
        fields.push_back(field("Art. 10 authority", or_not_recorded(purpose.criminal_authority),
                               purpose.criminal_authority.empty()));
    if (purpose.basis == "legitimate-interests" || !purpose.lia.empty())
        fields.push_back(field("Legitimate interests assessment", or_not_recorded(purpose.lia), purpose.lia.empty()));
    if (purpose.basis == "legal-obligation" || !purpose.law.empty())
        fields.push_back(field("Law imposing the obligation", or_not_recorded(purpose.law), purpose.law.empty()));
    if (purpose.basis == "consent" || !purpose.consent_evidence.empty()) {
        fields.push_back(field("Consent evidence (Art. 7(1))", or_not_recorded(purpose.consent_evidence),
                               purpose.consent_evidence.empty()));
        fields.push_back(field("Consent withdrawal (Art. 7(3))", or_not_recorded(purpose.consent_withdrawal),
                               purpose.consent_withdrawal.empty()));
    }
    if (!purpose.interest.empty()) fields.push_back(field("Legitimate interest", purpose.interest));
    Field recipients{"Recipients", {}, false};
    for (const auto& recipient : purpose.recipients) recipients.lines.push_back(recipient_summary(recipient));
    if (recipients.lines.empty()) recipients.lines = {"none"};
    fields.push_back(std::move(recipients));
    Field retention{"Erasure time limits", retention_lines(purpose.retention), false};
    retention.flagged = std::any_of(purpose.retention.begin(), purpose.retention.end(),
                                    [](const auto& entry) { return entry.undetermined || entry.missing; });
    if (retention.lines.empty()) retention.lines = {"no personal data recorded"};
    fields.push_back(std::move(retention));
    if (!purpose.rights.empty()) {
        std::vector<std::string> rights;
        for (const auto& right : purpose.rights) rights.emplace_back(right_label(right));
        fields.push_back(field("Rights available", fmt::format("{}", fmt::join(rights, ", "))));
    }
    return fields;
}

}  // namespace gdprctl::output
