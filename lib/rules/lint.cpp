#include "rules/lint.hpp"

#include "diag/reporter.hpp"
#include "model/calendar.hpp"
#include "model/cookie_consent.hpp"
#include "model/retention.hpp"
#include "model/review_due.hpp"
#include "model/transfer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace gdprctl::rules {
namespace {

using model::LawfulBasis;
using model::Taxonomy;

// Art. 9(2) conditions that rest on Union or Member State law: (b), (g), (h), (i), (j).
bool condition_needs_law(std::string_view condition) {
    return condition == "9(2)(b)" || condition == "9(2)(g)" || condition == "9(2)(h)" || condition == "9(2)(i)" ||
           condition == "9(2)(j)";
}

// Data whose processing amounts to systematic monitoring (Art. 35(3)(c), 37(1)(b); WP29 WP243 2.1.4
// names telecom traffic and location data) or is on the Autoriteit Persoonsgegevens' DPIA list
// (Stcrt. 2019, 64418: location, communication, financial situation and credit scores).
bool is_monitoring_data(std::string_view key) {
    return Taxonomy::covers("location", key) || Taxonomy::covers("communications.call-records", key) ||
           Taxonomy::covers("communications.traffic-data", key) || Taxonomy::covers("financial.credit-score", key) ||
           key == "communications" || key == "financial";
}

// Words that describe processing necessary for a contract or required by law, in English and Dutch.
bool sounds_necessary(std::string_view description) {
    std::string lower;
    for (char c : description) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    static constexpr std::string_view words[] = {"contract",     "required by law", "legal obligation", "statutory",
                                                 "deliver",      "invoice",         "billing",          "tax",
                                                 "overeenkomst", "wettelijk",       "levering",         "factur"};
    return std::any_of(std::begin(words), std::end(words),
                       [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

class Linter {
public:
    Linter(const model::Register& reg, time::Date today, std::vector<diag::Diagnostic>& out)
        : reg_(reg), today_(today), reporter_(out) {
        // Register::find_system and find_recipient scan; cookies look up thousands of systems.
        // The first of duplicate ids wins, as with the scans.
        systems_.reserve(reg.systems.size());
        for (const auto& system : reg.systems) systems_.emplace(system.id, &system);
        recipients_.reserve(reg.recipients.size());
        for (const auto& recipient : reg.recipients) recipients_.emplace(recipient.id, &recipient);
    }

    void report(const model::Located& where, diag::Position pos, std::string_view rule, std::string message,
                std::string hint = {}) {
        reporter_.report(rule, reg_.file_of(where), pos, std::move(message), std::move(hint));
    }

    void run() {
        organisation();
        std::size_t purposes = 0, consent_purposes = 0;
        const model::Purpose* first_consent = nullptr;
        for (const auto& system : reg_.systems) {
            this->system(system);
            for (const auto& purpose : system.purposes) {
                ++purposes;
                if (purpose.basis == LawfulBasis::consent) {
                    ++consent_purposes;
                    if (!first_consent) first_consent = &purpose;
                }
            }
        }
        if (purposes >= 2 && consent_purposes == purposes)
            report(*first_consent, first_consent->at("basis"), "consent-for-everything",
                   fmt::format("all {} purposes in the register rest on consent", purposes),
                   "service delivery usually rests on `contract`, statutory retention on `legal-obligation`");
        for (const auto& recipient : reg_.recipients) this->recipient(recipient);
        for (const auto& cookie : reg_.cookies) this->cookie(cookie);
    }

private:
    void organisation() {
        if (reg_.organization) {
            const auto& org = *reg_.organization;
            const auto& person = org.responsible_person;
            if (!person || (person->name.empty() && person->role.empty()))
                report(org, org.pos, "missing-responsible-person",
                       "the organisation names no responsible person for compliance",
                       "add `responsible_person: {role: ..., email: ...}` under `organization`");
            if (!org.country.empty() && !model::is_eea_country(org.country) && !org.representative)
                report(org, org.at("representative"), "missing-representative",
                       fmt::format("the organisation is established in {} (outside the EEA) and names no "
                                   "representative in the Union",
                                   org.country),
                       "add `representative: {name: ..., email: ...}` under `organization`");
            dpo_indicators(org);
            if (org.email.empty() && org.phone.empty())
                report(org, org.at("contact"), "missing-contact", "the organisation gives no contact e-mail or phone",
                       "add `contact: {email: ...}` under `organization`");
            // A request received today is due within three months at the latest (Art. 12(3) with
            // the extension); the holidays of that whole span must be known, or deadlines come early.
            // A country that is not a two-letter code was reported as schema-pattern already (and is
            // not decoded).
            const bool country_code = org.country.size() == 2 &&
                                      std::isalpha(static_cast<unsigned char>(org.country[0])) &&
                                      std::isalpha(static_cast<unsigned char>(org.country[1]));
            if (country_code || !org.has("country")) {
                const auto calendar = model::holiday_calendar(reg_);
                for (const auto day : {today_, time::add(today_, *time::parse_duration("P3M"))}) {
                    if (auto gap = calendar.coverage_gap(day)) {
                        report(org, org.has("country") ? org.at("country") : org.pos, "holiday-calendar-gap", *gap,
                               "list that year's public holidays in `settings.holidays`");
                        break;
                    }
                }
            }
        }
        if (reg_.policy) {
            const auto& policy = *reg_.policy;
            if (!policy.last_review) {
                // A date written but invalid was reported as invalid-date already.
                if (!policy.has("last_review"))
                    report(policy, policy.pos, "policy-review-overdue", "the policy has no `last_review` date",
                           "record when the policy was last reviewed in `policy.last_review`");
            } else if (auto due = model::next_review(policy);
                       model::review_state(due, today_) == model::ReviewState::overdue)
                report(policy, policy.at("last_review"), "policy-review-overdue",
                       fmt::format("the policy was last reviewed on {}; its review was due on {}",
                                   policy.last_review->to_string(), due->to_string()),
                       "review the policy and update `policy.last_review`");
        } else if (reg_.organization) {
            report(*reg_.organization, diag::Position{1, 1}, "policy-review-overdue",
                   "gdpr.yaml records no policy review (`policy.last_review`)",
                   "add `policy: {version: ..., last_review: YYYY-MM-DD, review_interval: P1Y}`");
        }
    }

    // Art. 37(1): the grounds on which a DPO must be designated, as far as the register shows them.
    void dpo_indicators(const model::Organization& org) {
        if (org.dpo || !org.dpo_assessment.empty()) return;
        std::string why;
        if (org.public_authority) why = "it is a public authority (Art. 37(1)(a))";
        for (const auto& system : reg_.systems) {
            if (!why.empty()) break;
            if (!system.large_scale) continue;
            for (const auto& key : system.data) {
                auto data_class = reg_.taxonomy.class_of(key);
                if (data_class != model::DataClass::ordinary) {
                    why = fmt::format("system `{}` processes {} data on a large scale (Art. 37(1)(c))", system.id,
                                      data_class == model::DataClass::special ? "special-category" : "criminal");
                    break;
                }
                if (is_monitoring_data(key)) {
                    why = fmt::format("system `{}` monitors people regularly and systematically on a large scale "
                                      "(`{}`, Art. 37(1)(b))",
                                      system.id, key);
                    break;
                }
            }
        }
        if (why.empty()) return;
        report(org, org.at("dpo"), "dpo-not-designated",
               fmt::format("no data protection officer is designated, but {}", why),
               "designate one under `dpo:`, or record why none is required in `dpo_assessment:`");
    }

    // Art. 35(1), (3) and the supervisory authority's list: why `system` needs a DPIA, or empty.
    std::string dpia_indicator(const model::System& system) const {
        if (system.automated_decisions && system.automated_decisions->legal_effect)
            return "it takes automated decisions with legal or similarly significant effects (Art. 35(3)(a))";
        if (!system.large_scale) return {};
        for (const auto& key : system.data) {
            if (reg_.taxonomy.class_of(key) != model::DataClass::ordinary)
                return fmt::format("it processes `{}` on a large scale (Art. 35(3)(b))", key);
            if (is_monitoring_data(key))
                return fmt::format("it processes `{}` on a large scale, which systematically monitors people "
                                   "(Art. 35(3)(c); the Autoriteit Persoonsgegevens' DPIA list)",
                                   key);
        }
        if (system.automated_decisions) return "it profiles people on a large scale (Art. 35(3)(a))";
        return {};
    }

    void placeholder(const model::Purpose& purpose, const model::System& system, std::string_view field,
                     const std::string& value, std::string_view what) {
        if (!model::is_placeholder(value)) return;
        report(purpose, purpose.at(field), "placeholder-reference",
               fmt::format("purpose `{}` of `{}` gives `{}` as its {}, which stands in for a reference", purpose.id,
                           system.id, value, what),
               fmt::format("name the real {}, or remove the field so the gap shows", what));
    }

    const std::vector<std::string>& data_of(const model::System& system, const model::Purpose& purpose) const {
        return purpose.data.empty() ? system.data : purpose.data;
    }

    void system(const model::System& system) {
        for (const auto& purpose : system.purposes) this->purpose(system, purpose);

        for (const auto& key : system.data) {
            if (!reg_.taxonomy.contains(key)) continue;  // already reported as unknown-data-category
            auto uncovered = model::uncovered_by_retention(reg_.taxonomy, system, key);
            if (!uncovered.empty() && uncovered.front() == key)
                report(system, system.at(system.retention.empty() ? "data" : "retention"), "retention-missing",
                       fmt::format("system `{}` holds `{}` but no retention rule says when it is erased", system.id, key),
                       fmt::format("add `- {{data: [{}], period: P2Y, after: ...}}` under `retention:`", key));
            else if (!uncovered.empty())
                report(system, system.at("retention"), "retention-missing",
                       fmt::format("system `{}` holds `{}`, but no retention rule covers {}", system.id, key,
                                   fmt::format("`{}`", fmt::join(uncovered, "`, `"))),
                       fmt::format("add a rule for `{}` itself, or one for each of its parts", key));
            bool used = std::any_of(system.purposes.begin(), system.purposes.end(), [&](const auto& purpose) {
                return purpose.data.empty() ||
                       std::any_of(purpose.data.begin(), purpose.data.end(), [&](const auto& k) { return Taxonomy::related(k, key); });
            });
            if (!used && !system.purposes.empty())
                report(system, system.at("data"), "data-unused",
                       fmt::format("system `{}` holds `{}` but none of its purposes uses it", system.id, key),
                       "name it in a purpose's `data`, or stop collecting it");
        }
        for (const auto& rule : system.retention)
            if (rule.undetermined)
                report(rule, rule.at("period"), "retention-undetermined",
                       fmt::format("system `{}` keeps {} for an undetermined period", system.id,
                                   fmt::join(rule.data, ", ")),
                       "set a period such as P2Y and the event it runs from (`after:`)");
        if (system.dpia.empty())
            if (auto why = dpia_indicator(system); !why.empty())
                report(system, system.at(system.automated_decisions ? "automated_decisions" : "large_scale"),
                       "dpia-missing",
                       fmt::format("system `{}` records no data protection impact assessment, but {}", system.id,
                                   why),
                       "carry out the assessment and record it in `dpia: <reference>`");
        // `security: tls` (a word, not a list) was reported as schema-type already: one mistake, one finding.
        if (system.security.empty() && !system.has("security"))
            report(system, system.pos, "missing-security-measures",
                   fmt::format("system `{}` lists no security measures", system.id),
                   "add `security: [tls, access-control, ...]`");

        if (!system.last_review) {
            // A date written but invalid was reported as invalid-date already.
            if (!system.has("last_review"))
                report(system, system.pos, "system-review-overdue",
                       fmt::format("system `{}` has never been reviewed (no `last_review`)", system.id),
                       fmt::format("review it and run `gdprctl register review {}`", system.id));
        } else if (today_ < *system.last_review)
            report(system, system.at("last_review"), "review-date-in-future",
                   fmt::format("system `{}` records a review on {}, after today ({})", system.id,
                               system.last_review->to_string(), today_.to_string()),
                   "a review is recorded when it happened: correct the date, or run `gdprctl register review` "
                   "on the day");
        else if (auto due = model::next_review(reg_, system);
                 model::review_state(due, today_) == model::ReviewState::overdue)
            report(system, system.at("last_review"), "system-review-overdue",
                   fmt::format("system `{}` was last reviewed on {}; its review was due on {}", system.id,
                               system.last_review->to_string(), due->to_string()),
                   fmt::format("review it and run `gdprctl register review {}`", system.id));
    }

    void purpose(const model::System& system, const model::Purpose& purpose) {
        if (purpose.description.find_first_not_of(" \t") == std::string::npos)
            report(purpose, purpose.pos, "purpose-without-description",
                   fmt::format("purpose `{}` of `{}` has no description: the notice would show its id", purpose.id,
                               system.id),
                   "add `description:` in plain words (`--purpose-description PURPOSE=TEXT` in `register add`)");
        if (purpose.basis == LawfulBasis::consent) {
            if (!purpose.consent || purpose.consent->evidence.empty())
                report(purpose, purpose.at(purpose.consent ? "consent" : "basis"), "consent-without-evidence",
                       fmt::format("purpose `{}` of `{}` rests on consent but names no evidence of it", purpose.id,
                                   system.id),
                       "add `consent: {evidence: <where consent is recorded>}`");
            if (!purpose.consent || purpose.consent->withdrawal.empty())
                report(purpose, purpose.at(purpose.consent ? "consent" : "basis"), "consent-without-withdrawal",
                       fmt::format("purpose `{}` of `{}` rests on consent but names no way to withdraw it", purpose.id,
                                   system.id),
                       "add `consent: {withdrawal: <how people withdraw>}`");
        }
        if (purpose.basis == LawfulBasis::legitimate_interests && purpose.lia.empty())
            report(purpose, purpose.at("basis"), "legitimate-interests-without-lia",
                   fmt::format("purpose `{}` of `{}` rests on legitimate interests without a balancing test",
                               purpose.id, system.id),
                   "add `lia: <reference to the balancing test>`");
        if (purpose.basis == LawfulBasis::legal_obligation && purpose.law.empty())
            report(purpose, purpose.at("basis"), "legal-obligation-without-law",
                   fmt::format("purpose `{}` of `{}` rests on a legal obligation without naming the law", purpose.id,
                               system.id),
                   "add `law: <statute and article>`");
        placeholder(purpose, system, "law", purpose.law, "law");
        placeholder(purpose, system, "lia", purpose.lia, "balancing test (LIA)");
        placeholder(purpose, system, "criminal_authority", purpose.criminal_authority, "Art. 10 authority");
        if (purpose.consent) placeholder(purpose, system, "consent", purpose.consent->evidence, "consent evidence");
        if (condition_needs_law(purpose.special_condition) && purpose.law.empty())
            report(purpose, purpose.at("special_condition"), "special-condition-without-law",
                   fmt::format("purpose `{}` of `{}` relies on Art. {} without naming the Union or Member State "
                               "law it rests on",
                               purpose.id, system.id, purpose.special_condition),
                   "add `law: <statute and article>`");
        if (purpose.law.empty()) {
            const auto& data = data_of(system, purpose);
            auto national_id = std::find_if(data.begin(), data.end(), [](const std::string& key) {
                return Taxonomy::covers("identity.national-id", key);
            });
            if (national_id != data.end())
                report(purpose, purpose.at(purpose.data.empty() ? "id" : "data"), "national-id-without-law",
                       fmt::format("purpose `{}` of `{}` uses a national identification number (`{}`) without "
                                   "naming the law that permits it",
                                   purpose.id, system.id, *national_id),
                       "add `law:` naming the statute (in the Netherlands the BSN may be used only where a law "
                       "provides for it), or stop using the number");
        }
        if (purpose.basis == LawfulBasis::consent) {
            bool required = purpose.requirement && purpose.requirement->kind != model::Requirement::voluntary;
            if (required || sounds_necessary(purpose.description))
                report(purpose, purpose.at("basis"), "consent-for-necessary-processing",
                       fmt::format("purpose `{}` of `{}` rests on consent, but {}", purpose.id, system.id,
                                   required ? fmt::format("providing its data is {}",
                                                          purpose.requirement->kind == model::Requirement::statutory
                                                              ? "required by law"
                                                          : purpose.requirement->kind ==
                                                                  model::Requirement::contractual
                                                              ? "required by a contract"
                                                              : "required to enter into a contract")
                                            : std::string("its description reads as necessary for a contract or "
                                                          "required by law")),
                       "consent must be free: use `contract` or `legal-obligation` if the processing is needed for "
                       "either");
        }
        bool special = false, criminal = false;
        for (const auto& key : data_of(system, purpose)) {
            auto data_class = reg_.taxonomy.class_of(key);
            special |= data_class == model::DataClass::special;
            criminal |= data_class == model::DataClass::criminal;
        }
        if (special && purpose.special_condition.empty())
            report(purpose, purpose.pos, "special-category-without-condition",
                   fmt::format("purpose `{}` of `{}` processes special-category data without an Art. 9(2) condition",
                               purpose.id, system.id),
                   "add `special_condition: 9(2)(a)` (or the letter that applies)");
        if (criminal && purpose.criminal_authority.empty())
            report(purpose, purpose.pos, "criminal-data-without-authority",
                   fmt::format("purpose `{}` of `{}` processes criminal-offence data without Art. 10 authority",
                               purpose.id, system.id),
                   "add `criminal_authority: <the law that authorises it>`");
    }

    void recipient(const model::Recipient& recipient) {
        // A signing date that is present but invalid was reported as invalid-date already.
        if (recipient.role == model::RecipientRole::processor &&
            (!recipient.agreement || !recipient.agreement->signed_on) && !recipient.has("agreement.signed"))
            report(recipient, recipient.at("agreement"), "processor-without-agreement",
                   fmt::format("processor `{}` has no signed processing agreement", recipient.id),
                   "add `agreement: {signed: YYYY-MM-DD, reference: ...}`");
        if (recipient.role == model::RecipientRole::joint_controller && !recipient.agreement &&
            !recipient.has("agreement"))
            report(recipient, recipient.pos, "joint-controller-without-arrangement",
                   fmt::format("joint controller `{}` has no recorded arrangement setting out each party's "
                               "responsibilities",
                               recipient.id),
                   "add `agreement: {signed: YYYY-MM-DD, reference: ...}` for the Art. 26 arrangement");
        if (recipient.agreement && recipient.agreement->signed_on && *recipient.agreement->signed_on > today_)
            report(recipient, recipient.at("agreement.signed"), "agreement-signed-in-future",
                   fmt::format("the agreement with `{}` is recorded as signed on {}, after {}", recipient.id,
                               recipient.agreement->signed_on->to_string(), today_.to_string()),
                   "record the date it was really signed; an agreement still to be signed is not in force");
        auto transfer = model::assess_transfer(recipient);
        if (transfer.ground == model::TransferGround::none)
            report(recipient, recipient.at("country"), "transfer-without-safeguard",
                   fmt::format("recipient `{}` is in {} (outside the EEA){} and no transfer mechanism is recorded",
                               recipient.id, recipient.country,
                               transfer.decision ? " without certification under the EU-US Data Privacy Framework"
                                                 : ", which has no adequacy decision,"),
                   transfer.decision ? "record when its certification was checked (`dpf_checked: YYYY-MM-DD`), or "
                                       "add `transfer: scc|bcr|derogation`"
                                     : "add `transfer: scc|bcr|derogation`");
        else if (transfer.ground == model::TransferGround::adequacy_not_covered)
            report(recipient, recipient.at("transfer"), "transfer-adequacy-without-decision",
                   transfer.decision
                       ? fmt::format("recipient `{}` relies on the adequacy decision for {}, which covers only {}; "
                                     "no certification check is recorded",
                                     recipient.id, transfer.decision->name, transfer.decision->scope)
                       : fmt::format("recipient `{}` relies on adequacy, but {} has no adequacy decision", recipient.id,
                                     recipient.country),
                   transfer.decision ? "check the Data Privacy Framework list and record `dpf_checked: YYYY-MM-DD`"
                                     : "use SCCs (`transfer: scc`), BCRs or an Art. 49 derogation instead");
        else if (transfer.ground == model::TransferGround::safeguard &&
                 recipient.transfer == model::TransferMechanism::scc && recipient.tia.empty())
            report(recipient, recipient.at("transfer"), "transfer-scc-without-tia",
                   fmt::format("recipient `{}` in {} receives data under SCCs, but no transfer impact assessment is "
                               "recorded",
                               recipient.id, recipient.country),
                   "assess the law of the destination country and record it in `tia: <reference>`");
    }

    void cookie(const model::Cookie& cookie) {
        bool declared = cookie.provider.empty() || cookie.provider == model::first_party_provider ||
                        recipients_.count(cookie.provider) != 0;
        if (!declared)
            report(cookie, cookie.at("provider"), "cookie-provider-undeclared",
                   fmt::format("cookie `{}` is set by `{}`, which is not a declared recipient", cookie.name,
                               cookie.provider),
                   "declare it under `recipients:`, or write `provider: first-party` for your own cookies");

        bool needs_consent = cookie.category && !model::consent_exemption(reg_, cookie);
        if (needs_consent) {
            const model::Purpose* purpose = nullptr;
            auto system = systems_.find(cookie.system);
            if (system != systems_.end())
                for (const auto& candidate : system->second->purposes)
                    if (candidate.id == cookie.purpose) purpose = &candidate;
            // A system or purpose that does not resolve, or a purpose whose basis is not one of the
            // six, is already reported by the loader; one finding per mistake is enough.
            bool already_reported = (!cookie.system.empty() && system == systems_.end()) ||
                                    (!cookie.purpose.empty() && (!purpose || !purpose->basis));
            if (!already_reported && (!purpose || purpose->basis != LawfulBasis::consent))
                report(cookie, cookie.at(cookie.purpose.empty() ? "category" : "purpose"), "cookie-without-consent",
                       fmt::format("{} cookie `{}` is not tied to a consent-based purpose",
                                   model::to_string(*cookie.category), cookie.name),
                       "set `system:` and `purpose:` to a purpose with `basis: consent`");
        }
        bool strictly_necessary = cookie.category == model::CookieCategory::strictly_necessary;
        if (cookie.category && !strictly_necessary && cookie.expiry && exceeds_months(*cookie.expiry, 13))
            report(cookie, cookie.at("expiry"), "cookie-lifetime-too-long",
                   fmt::format("cookie `{}` lives {}, longer than the 13 months the CNIL recommends", cookie.name,
                               cookie.expiry->to_string()),
                   "shorten its lifetime to P13M or less");
        // Sites can configure a provider's lifetime (and should cap consent cookies at 13 months),
        // so a declared duration is trusted; a session cookie that really persists is not.
        for (const auto& [name, lifetime] : well_known_cookie_lifetimes()) {
            if (cookie.name != name || !cookie.session) continue;
            auto known = *time::parse_duration(lifetime);
            bool persistent = known.years > 0 || known.months > 0 || known.days > 0;
            if (!persistent) continue;
            report(cookie, cookie.at("expiry"), "cookie-expiry-mismatch",
                   fmt::format("cookie `{}` is declared as a session cookie, but by default it lives {}", cookie.name,
                               lifetime),
                   exceeds_months(known, 13)
                       ? fmt::format("declare the lifetime you configured, at most 13 months: `expiry: P13M`")
                       : fmt::format("did you mean `expiry: {}`?", lifetime));
        }
    }

    static bool exceeds_months(const time::Duration& duration, int months) {
        auto reference = time::Date::from_ymd(2001, 1, 1);
        return time::add(reference, duration) > time::add_months_clamped(reference, months);
    }

    const model::Register& reg_;
    time::Date today_;
    diag::Reporter reporter_;
    std::unordered_map<std::string_view, const model::System*> systems_;
    std::unordered_map<std::string_view, const model::Recipient*> recipients_;
};

}  // namespace

const std::vector<std::pair<std::string_view, std::string_view>>& well_known_cookie_lifetimes() {
    // As documented by the providers: Google Analytics and Microsoft Clarity.
    static const std::vector<std::pair<std::string_view, std::string_view>> table{
        {"_ga", "P2Y"}, {"_gid", "P1D"}, {"_clck", "P1Y"}, {"_clsk", "P1D"}, {"CLID", "P1Y"},
    };
    return table;
}

void lint(const model::Register& reg, time::Date today, std::vector<diag::Diagnostic>& out) {
    Linter(reg, today, out).run();
}

}  // namespace gdprctl::rules
