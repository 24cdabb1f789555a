#include "report/ropa_model.hpp"

#include "model/retention.hpp"
#include "model/review_due.hpp"
#include "model/transfer.hpp"

#include "report/notice_text.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::report {
namespace {

using model::DataClass;
using model::LawfulBasis;
using model::Right;

DataItem data_item(const model::Taxonomy& taxonomy, const std::string& id) {
    DataItem item;
    item.id = id;
    if (const auto* category = taxonomy.find(id)) {
        item.name = category->name;
    } else {
        item.name = id;
        item.known = false;
    }
    item.data_class = taxonomy.class_of(id);
    return item;
}

std::vector<DataItem> data_items(const model::Taxonomy& taxonomy, const std::vector<std::string>& ids) {
    std::vector<DataItem> items;
    items.reserve(ids.size());
    for (const auto& id : ids) items.push_back(data_item(taxonomy, id));
    return items;
}

ContactPerson contact_person(const model::Person& person) {
    return {person.name, person.role, person.email, person.phone};
}

// Which rights a lawful basis gives, as in the ICO's guidance on lawful basis and rights: no
// portability outside consent and contract (Art. 20(1)(a)), objection only against public task
// and legitimate interests (Art. 21(1)), no erasure of what the law requires to be kept
// (Art. 17(3)(b)) or of a public task.
std::vector<std::string> rights_for(LawfulBasis basis) {
    std::vector<Right> rights{Right::access, Right::rectification};
    switch (basis) {
        case LawfulBasis::consent:
        case LawfulBasis::contract:
            rights.insert(rights.end(), {Right::erasure, Right::restriction, Right::portability});
            break;
        case LawfulBasis::legal_obligation:
            rights.push_back(Right::restriction);
            break;
        case LawfulBasis::vital_interests:
            rights.insert(rights.end(), {Right::erasure, Right::restriction});
            break;
        case LawfulBasis::public_task:
            rights.insert(rights.end(), {Right::restriction, Right::objection});
            break;
        case LawfulBasis::legitimate_interests:
            rights.insert(rights.end(), {Right::erasure, Right::restriction, Right::objection});
            break;
    }
    std::vector<std::string> names;
    for (auto right : rights) names.emplace_back(model::to_string(right));
    return names;
}

bool rule_reaches(const model::RetentionRule& rule, const std::vector<std::string>& data) {
    for (const auto& kept : rule.data)
        for (const auto& id : data)
            if (model::Taxonomy::related(kept, id)) return true;
    return false;
}

RetentionEntry retention_entry(const model::Taxonomy& taxonomy, const model::RetentionRule& rule) {
    RetentionEntry entry;
    entry.data = data_items(taxonomy, rule.data);
    entry.undetermined = rule.undetermined;
    entry.period = rule.undetermined ? "undetermined" : rule.period ? rule.period->to_string() : "";
    entry.text = humanise_retention(rule);
    entry.rule = rule;
    entry.reason = rule.reason;
    return entry;
}

// The retention rules that reach `data`, then one "missing" entry for the categories none reaches:
// Art. 30(1)(f) wants a time limit for every category, so a gap is shown, not hidden.
std::vector<RetentionEntry> retention_for(const model::Register& reg, const model::System& system,
                                          const std::vector<std::string>& data) {
    std::vector<RetentionEntry> entries;
    for (const auto& rule : system.retention) {
        if (!rule_reaches(rule, data)) continue;
        // Only the categories `data` uses: a purpose's record names its own data, not the rule's.
        std::vector<std::string> reached;
        for (const auto& id : data)
            if (std::any_of(rule.data.begin(), rule.data.end(),
                            [&](const std::string& kept) { return model::Taxonomy::covers(kept, id); }))
                reached.push_back(id);
        for (const auto& kept : rule.data)
            if (std::find(reached.begin(), reached.end(), kept) == reached.end() &&
                std::any_of(data.begin(), data.end(),
                            [&](const std::string& id) { return model::Taxonomy::covers(id, kept); }))
                reached.push_back(kept);
        auto entry = retention_entry(reg.taxonomy, rule);
        entry.data = data_items(reg.taxonomy, reached);
        entries.push_back(std::move(entry));
    }
    // The same rule as check's retention-missing: a parent kept with rules on only some of its
    // children shows the children left without a limit.
    std::vector<std::string> uncovered;
    for (const auto& id : data)
        for (auto part : model::uncovered_by_retention(reg.taxonomy, system, id))
            if (std::find(uncovered.begin(), uncovered.end(), part) == uncovered.end()) uncovered.emplace_back(part);
    if (!uncovered.empty()) {
        RetentionEntry gap;
        gap.data = data_items(reg.taxonomy, uncovered);
        gap.missing = true;
        gap.text = "no time limit recorded";
        entries.push_back(std::move(gap));
    }
    return entries;
}

// "Standard contractual clauses (GDPR Art. 46(2)(c))": the mechanism's label and article.
std::string safeguard_text(model::TransferMechanism mechanism) {
    return fmt::format("{} ({})", model::label(mechanism), model::article_of(mechanism));
}

RecipientEntry recipient_entry(const model::Register& reg, const std::string& id) {
    RecipientEntry entry;
    entry.id = id;
    const auto* recipient = reg.find_recipient(id);
    if (!recipient) {
        entry.name = id;
        entry.declared = false;
        return entry;
    }
    entry.name = recipient->name.empty() ? id : recipient->name;
    if (recipient->role) entry.role = std::string(model::to_string(*recipient->role));
    entry.country = recipient->country;
    entry.contact = recipient->contact;
    auto transfer = model::assess_transfer(*recipient);
    entry.third_country = transfer.third_country();
    entry.transfer_lawful = !entry.third_country || transfer.lawful();
    if (recipient->transfer) entry.transfer = std::string(model::to_string(*recipient->transfer));
    switch (transfer.ground) {
        case model::TransferGround::adequacy:
            entry.transfer = std::string(model::to_string(model::TransferMechanism::adequacy));
            entry.safeguard = fmt::format("{}: {}", safeguard_text(model::TransferMechanism::adequacy),
                                          adequacy_text(Language::en, *transfer.decision, *recipient));
            break;
        case model::TransferGround::adequacy_not_covered:
            entry.safeguard = transfer.decision
                                  ? fmt::format("none: the adequacy decision covers only {}", transfer.decision->scope)
                                  : std::string("none: no adequacy decision for this country");
            break;
        case model::TransferGround::safeguard:
            entry.safeguard = std::string(safeguard_text(*recipient->transfer));
            if (!recipient->tia.empty())
                entry.safeguard += fmt::format("; transfer impact assessment {}", recipient->tia);
            break;
        case model::TransferGround::none:
            entry.safeguard = "none recorded";
            break;
        default:
            if (recipient->transfer) entry.safeguard = std::string(safeguard_text(*recipient->transfer));
            break;
    }
    if (recipient->agreement) {
        const auto& agreement = *recipient->agreement;
        std::vector<std::string> parts;
        if (!agreement.reference.empty()) parts.push_back(agreement.reference);
        if (agreement.signed_on) parts.push_back("signed " + agreement.signed_on->to_string());
        entry.agreement = fmt::format("{}", fmt::join(parts, ", "));
    }
    return entry;
}

PurposeEntry purpose_entry(const model::Register& reg, const model::System& system, const model::Purpose& purpose) {
    PurposeEntry entry;
    entry.id = purpose.id;
    entry.description = purpose.description.empty() ? purpose.id : purpose.description;
    if (purpose.basis) {
        entry.basis = std::string(model::to_string(*purpose.basis));
        entry.basis_label = std::string(model::label(*purpose.basis));
        entry.basis_article = std::string(model::article_of(*purpose.basis));
        entry.rights = rights_for(*purpose.basis);
    }
    const auto& data = purpose.data.empty() ? system.data : purpose.data;
    entry.data = data_items(reg.taxonomy, data);
    for (const auto& item : entry.data) {
        entry.special = entry.special || item.data_class == DataClass::special;
        entry.criminal = entry.criminal || item.data_class == DataClass::criminal;
    }
    entry.special_condition = purpose.special_condition;
    entry.criminal_authority = purpose.criminal_authority;
    entry.lia = purpose.lia;
    entry.law = purpose.law;
    if (purpose.consent) {
        entry.consent_evidence = purpose.consent->evidence;
        entry.consent_withdrawal = purpose.consent->withdrawal;
    }
    entry.retention = retention_for(reg, system, data);
    entry.interest = purpose.interest;
    if (purpose.requirement) {
        entry.requirement = std::string(model::to_string(purpose.requirement->kind));
        entry.requirement_consequence = purpose.requirement->consequence;
    }
    for (const auto& id : purpose.recipients.value_or(system.recipients))
        entry.recipients.push_back(recipient_entry(reg, id));
    return entry;
}

SystemEntry system_entry(const model::Register& reg, const model::System& system, time::Date as_of) {
    SystemEntry entry;
    entry.id = system.id;
    entry.anchor = anchor("system", system.id);
    entry.name = system.name.empty() ? system.id : system.name;
    entry.description = system.description;
    entry.owner = system.owner;
    entry.subjects = system.subjects;
    entry.data = data_items(reg.taxonomy, system.data);
    entry.sources = system.sources;
    for (const auto& id : system.recipients) entry.recipients.push_back(recipient_entry(reg, id));
    entry.retention = retention_for(reg, system, system.data);
    entry.security = system.security;
    if (system.last_review) {
        entry.last_review = system.last_review->to_string();
        const auto next = model::next_review(reg, system);
        entry.next_review = next->to_string();
        entry.review_overdue = model::review_state(next, as_of) == model::ReviewState::overdue;
    }
    for (const auto& purpose : system.purposes) entry.purposes.push_back(purpose_entry(reg, system, purpose));
    return entry;
}

}  // namespace

std::string ContactPerson::summary() const {
    std::vector<std::string> parts;
    for (const auto* part : {&name, &role, &email, &phone})
        if (!part->empty()) parts.push_back(*part);
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string_view role_label(std::string_view role) {
    const auto parsed = model::parse<model::RecipientRole>(role);
    return parsed ? model::label(*parsed) : "Role not recorded";
}

std::string_view right_label(std::string_view right) {
    const auto parsed = model::parse<model::Right>(right);
    return parsed ? model::label(*parsed) : right;
}

std::string data_summary(const std::vector<DataItem>& items) {
    std::vector<std::string> parts;
    for (const auto& item : items) {
        if (item.data_class == DataClass::special)
            parts.push_back(item.name + " (special category, Art. 9)");
        else if (item.data_class == DataClass::criminal)
            parts.push_back(item.name + " (criminal offence data, Art. 10)");
        else if (!item.known)
            parts.push_back(item.name + " (not in the taxonomy)");
        else
            parts.push_back(item.name);
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

RopaRecord build_ropa(const model::Register& reg, time::Date as_of, std::size_t register_errors) {
    RopaRecord record;
    record.as_of = as_of;
    record.register_errors = register_errors;
    if (reg.organization) {
        const auto& org = *reg.organization;
        auto& controller = record.controller;
        controller.recorded = true;
        controller.name = org.name;
        controller.registration = org.registration;
        controller.country = org.country;
        controller.address = org.address;
        controller.email = org.email;
        controller.phone = org.phone;
        if (org.responsible_person) controller.responsible_person = contact_person(*org.responsible_person);
        if (org.dpo) controller.dpo = contact_person(*org.dpo);
        if (org.representative) controller.representative = contact_person(*org.representative);
        controller.supervisory_authority = org.supervisory_authority;
    }
    for (const auto& recipient : reg.recipients) {
        record.recipients.push_back(recipient_entry(reg, recipient.id));
        if (recipient.role == model::RecipientRole::joint_controller)
            record.joint_controllers.push_back(record.recipients.back());
    }
    for (const auto& system : reg.systems) record.systems.push_back(system_entry(reg, system, as_of));
    return record;
}

}  // namespace gdprctl::report
