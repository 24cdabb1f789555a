#pragma once

#include "model/register.hpp"
#include "time/date.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

// The Art. 30(1) record of processing, built once from the register and rendered by every format,
// so that Markdown, HTML, CSV and JSON can never disagree about what the record says.
namespace gdprctl::report {

struct DataItem {
    std::string id;
    std::string name;  // taxonomy name; the id itself when the category is unknown
    model::DataClass data_class = model::DataClass::ordinary;
    bool known = true;
};

struct ContactPerson {
    std::string name;
    std::string role;
    std::string email;
    std::string phone;
    std::string summary() const;  // "Jane Doe, Information Security Officer, iso@x.nl, +31 ..."
};

// Art. 30(1)(a).
struct ControllerBlock {
    bool recorded = false;  // false when gdpr.yaml has no organization block
    std::string name;
    std::string registration;
    std::string country;
    std::string address;
    std::string email;
    std::string phone;
    std::optional<ContactPerson> responsible_person;
    std::optional<ContactPerson> dpo;
    std::optional<ContactPerson> representative;
    std::string supervisory_authority;
};

struct RecipientEntry {
    std::string id;
    std::string name;  // the id when the recipient is not declared
    bool declared = true;
    std::string role;  // kebab-case role, empty when unknown
    std::string country;
    bool third_country = false;   // outside the EEA (Art. 44)
    std::string transfer;         // kebab-case mechanism, empty when none
    std::string safeguard;        // "Standard contractual clauses (GDPR Art. 46(2)(c))", "" in the EEA
    bool transfer_lawful = true;  // false for a third country without a ground (Art. 44)
    std::string agreement;        // "DPA-2025-07, signed 2025-02-01"; empty when none
    std::string contact;
};

struct RetentionEntry {
    std::vector<DataItem> data;
    std::string period;  // ISO 8601 as written, "undetermined", or empty when missing
    std::string text;    // "2 years after end of contract", "undetermined", "no time limit recorded"
    bool undetermined = false;
    bool missing = false;                      // no rule covers these data categories at all
    std::optional<model::RetentionRule> rule;  // the rule itself (none when missing), for other wordings
    std::string reason;
};

struct PurposeEntry {
    std::string id;
    std::string description;        // the id when no description is given
    std::string basis;              // kebab-case, empty when missing or invalid
    std::string basis_label;        // "Legitimate interests"
    std::string basis_article;      // "GDPR Art. 6(1)(f)"
    std::vector<DataItem> data;     // what this purpose uses (the system's data when it names none)
    bool special = false;           // uses Art. 9 data
    bool criminal = false;          // uses Art. 10 data
    std::string special_condition;  // "9(2)(h)"
    std::string criminal_authority;
    std::string lia;
    std::string law;
    std::string consent_evidence;
    std::string consent_withdrawal;
    std::vector<RetentionEntry> retention;  // the rules that reach this purpose's data
    std::vector<std::string> rights;        // rights the basis gives (ICO's table), kebab-case
    std::string interest;                   // the legitimate interest itself (Art. 13(1)(d))
    std::string requirement;                // kebab-case Art. 13(2)(e) kind, empty when not recorded
    std::string requirement_consequence;
    // The purpose's own recipients, or the system's when it names none (Art. 30(1)(d)).
    std::vector<RecipientEntry> recipients;
};

struct SystemEntry {
    std::string id;
    std::string anchor;
    std::string name;
    std::string description;
    std::string owner;
    std::vector<std::string> subjects;
    std::vector<DataItem> data;
    std::vector<std::string> sources;
    std::vector<RecipientEntry> recipients;
    std::vector<RetentionEntry> retention;
    std::vector<std::string> security;
    std::string last_review;  // YYYY-MM-DD or empty
    std::string next_review;  // last_review + the review interval, or empty
    bool review_overdue = false;
    std::vector<PurposeEntry> purposes;
};

struct RopaRecord {
    time::Date as_of;
    std::size_t register_errors = 0;  // structural problems found while loading
    ControllerBlock controller;
    std::vector<RecipientEntry> joint_controllers;
    std::vector<SystemEntry> systems;
    std::vector<RecipientEntry> recipients;  // every declared recipient, in register order
};

RopaRecord build_ropa(const model::Register& reg, time::Date as_of, std::size_t register_errors);

// Human wording shared by the formats.
// The label of a spelling kept as text in the record (from the vocabulary's table).
std::string_view role_label(std::string_view role);    // "joint-controller" -> "Joint controller"
std::string_view right_label(std::string_view right);  // "portability" -> "Data portability"
std::string data_summary(const std::vector<DataItem>& items);  // names joined, special/criminal marked

}  // namespace gdprctl::report
