#pragma once

#include "diag/diagnostic.hpp"
#include "model/taxonomy.hpp"
#include "model/vocabulary.hpp"
#include "time/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gdprctl::model {

// Where an entity and each of its fields stand in the register files, so that rules can point
// at the exact line and column. `file` indexes Register::files.
struct Located {
    int file = -1;
    diag::Position pos;
    std::vector<std::pair<std::string_view, diag::Position>> field_positions;

    // Position of a field's value, or of the entity itself when the field is absent.
    diag::Position at(std::string_view field) const;
    // Whether the field was written, even with a value the decoder rejected.
    bool has(std::string_view field) const;
    void mark(std::string_view field, diag::Position position) { field_positions.emplace_back(field, position); }
};

struct ConsentRecord {
    std::string evidence;    // how consent is demonstrated (Art. 7(1)): log, form, ledger
    std::string withdrawal;  // how it is withdrawn as easily as given (Art. 7(3))
};

// Art. 13(2)(e): whether the person must provide the data, and what follows if they do not.
struct RequirementRecord {
    Requirement kind = Requirement::voluntary;
    std::string consequence;  // "we cannot deliver the service"
};

// Art. 13(2)(f), 22: decisions taken without human involvement, including profiling.
struct AutomatedDecisions {
    std::string logic;          // meaningful information about the logic involved
    std::string consequences;   // the significance and envisaged consequences for the person
    bool legal_effect = false;  // produces legal or similarly significant effects (Art. 22(1))
};

struct Purpose : Located {
    std::string id;
    std::string description;
    std::optional<LawfulBasis> basis;
    std::vector<std::string> data;  // empty: all of the system's data
    std::optional<ConsentRecord> consent;
    std::string lia;                 // legitimate-interests balancing test reference
    std::string law;                 // the law that imposes a legal obligation
    std::string special_condition;   // "9(2)(a)" ... "9(2)(j)"
    std::string criminal_authority;  // Art. 10: the Union or Member State law that authorises it
    std::string interest;            // the legitimate interest itself (Art. 13(1)(d))
    std::optional<RequirementRecord> requirement;
    // Its own recipients (Art. 30(1)(d)); absent: the system's.
    std::optional<std::vector<std::string>> recipients;
};

struct RetentionRule : Located {
    std::vector<std::string> data;
    std::optional<time::Duration> period;  // empty with undetermined == true, or when invalid
    bool undetermined = false;
    std::string after;  // the event the period runs from: collection, end-of-contract, ...
    RetentionAction action = RetentionAction::delete_;
    std::string reason;
};

struct System : Located {
    std::string id;
    std::string name;
    std::string description;
    std::string owner;
    std::vector<std::string> subjects;
    std::vector<std::string> data;
    std::vector<std::string> sources;
    std::vector<Purpose> purposes;
    std::vector<std::string> recipients;
    std::vector<RetentionRule> retention;
    std::vector<std::string> security;
    std::optional<time::Date> last_review;
    std::optional<time::Duration> review_interval;
    bool large_scale = false;  // Art. 35(3)(b),(c), Art. 37(1)(b),(c): processing on a large scale
    std::optional<AutomatedDecisions> automated_decisions;
    std::string dpia;  // reference to the data protection impact assessment (Art. 35)
};

struct Agreement {
    std::optional<time::Date> signed_on;
    std::string reference;
};

struct Recipient : Located {
    std::string id;
    std::string name;
    std::string description;
    std::optional<RecipientRole> role;
    std::string country;
    std::optional<Agreement> agreement;
    std::optional<TransferMechanism> transfer;
    std::string contact;
    // When the recipient's certification under the EU-US Data Privacy Framework was last checked.
    std::optional<time::Date> dpf_checked;
    std::string tia;  // transfer impact assessment reference (Art. 46; CJEU C-311/18)
};

// A cookie's provider is a declared recipient id, or "first-party" for the organisation's own.
inline constexpr std::string_view first_party_provider = "first-party";

struct Cookie : Located {
    std::string name;
    std::string provider;
    std::string description;
    std::optional<CookieCategory> category;
    std::optional<time::Duration> expiry;
    bool session = false;  // expiry: session
    std::string system;
    std::string purpose;  // a purpose id of `system`
};

struct Person {
    std::string name;
    std::string role;
    std::string email;
    std::string phone;
};

struct Organization : Located {
    std::string name;
    std::string registration;
    std::string country;
    std::string address;
    std::string email;  // contact.email
    std::string phone;  // contact.phone
    std::optional<Person> responsible_person;
    std::optional<Person> dpo;
    std::optional<Person> representative;
    std::string supervisory_authority;
    bool public_authority = false;  // Art. 37(1)(a)
    std::string dpo_assessment;     // the documented decision on designating a DPO (Art. 37, 5(2))
};

struct Policy : Located {
    std::string version;
    std::optional<time::Date> last_review;
    time::Duration review_interval{1, 0, 0, 0};
};

// A rule id written in gdpr.yaml (`settings.disable`), with where, so that an id the catalogue does
// not have is reported at its line.
struct RuleMention {
    std::string id;
    diag::Position pos;
};

// How long the operational store keeps its own finished records (`gdprctl retention sweep`;
// gdpr.yaml settings.store_retention). Each default, and why, is in docs/review.md; they are the
// five years of the two limitation periods a kept record defends against.
struct StoreRetention {
    // Closed data-subject requests, from the day they were closed: the record shows that requests
    // were answered in time (Art. 5(2), 12(3)) and defends against claims for them (Art. 17(3)(e); a
    // damages claim under Art. 82 falls under national limitation, in the Netherlands five years from
    // knowledge, Burgerlijk Wetboek art. 3:310).
    time::Duration requests{5, 0, 0, 0};
    // Withdrawn consents (every event of the consent and the withdrawal's propagation tasks), from
    // the withdrawal: the proof that consent was given (Art. 7(1)) and that its withdrawal was
    // honoured (Art. 7(3)) answers claims about processing done under it (the same five years).
    time::Duration consents{5, 0, 0, 0};
    // Closed breaches (the Art. 33(5) documentation and the notifications), from closing: the
    // supervisory authority verifies compliance with Art. 33 from it; in the Netherlands its power
    // to fine lapses five years after the infringement (Algemene wet bestuursrecht art. 5:45(1)).
    time::Duration breaches{5, 0, 0, 0};
    // The first problem of gdpr.yaml's block, as `path:line:col: message`; empty when it has none.
    // The sweep then refuses rather than delete by a default the user meant to change.
    std::string problem;
    bool readable() const { return problem.empty(); }
};

struct Settings {
    time::Duration system_review_interval{1, 0, 0, 0};
    std::vector<time::Date> holidays;
    // Checked against the catalogue by check::run_check.
    std::vector<RuleMention> disabled_rules;
    // IANA zone in which times typed without an offset are read (breach clocks, "today"); empty: UTC.
    std::string timezone;
    // On erasure, keep a pseudonymous proof that consent was withdrawn (Art. 7(1) accountability).
    bool keep_withdrawal_proof = true;
    std::string rules_url;  // documentation base: a rule's page is rules_url + its id (SARIF helpUri)
    // Levels the workspace gives rules instead of the catalogue's (`severity: {data-unused: error}`),
    // in the order written; checked against the catalogue by check::run_check.
    std::vector<diag::SeverityOverride> severity;
    StoreRetention store_retention;
};

// The whole Register of Systems of a workspace, merged from all of its files.
struct Register {
    std::string root;                // workspace folder
    std::vector<std::string> files;  // relative paths; index 0 is gdpr.yaml when present
    std::optional<Organization> organization;
    std::optional<Policy> policy;
    Settings settings;
    Taxonomy taxonomy;
    std::vector<System> systems;
    std::vector<Recipient> recipients;
    std::vector<Cookie> cookies;

    const System* find_system(std::string_view id) const;
    const Recipient* find_recipient(std::string_view id) const;
    const std::string& file_of(const Located& entity) const;
};

}  // namespace gdprctl::model
