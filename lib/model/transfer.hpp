#pragma once

#include "model/register.hpp"

#include <optional>
#include <span>
#include <string_view>

// Where personal data may go (GDPR Art. 44-49): one owner for the adequacy decisions in force and
// for the judgement of a recipient's transfer, so that check, the record and the notice agree.
namespace gdprctl::model {

// An adequacy decision of the European Commission (Art. 45(3), or Art. 25(6) of Directive 95/46/EC,
// kept in force by Art. 45(9)).
struct AdequacyDecision {
    std::string_view country;   // ISO 3166-1 alpha-2
    std::string_view name;      // "Canada"
    std::string_view decision;  // "Commission Decision 2002/2/EC"
    std::string_view adopted;   // YYYY-MM-DD
    std::string_view scope;     // empty when it covers the whole country
    // Only recipients certified under a framework are covered: the United States' EU-US Data
    // Privacy Framework (Decision 2023/1795). The recipient records when certification was checked.
    bool needs_certification = false;
    // A decision with a sunset clause (the United Kingdom's): when it was last renewed and the day
    // it lapses unless renewed again. Empty for decisions without one.
    std::string_view renewed = {};      // YYYY-MM-DD
    std::string_view valid_until = {};  // YYYY-MM-DD
};

std::span<const AdequacyDecision> adequacy_decisions();
const AdequacyDecision* find_adequacy_decision(std::string_view country);

// EU territories with an ISO code of their own (Åland, the outermost regions): the member state
// they belong to, or empty. They are the EU for transfers, and is_eea_country says so.
std::string_view eu_member_state_of(std::string_view code);

enum class TransferGround {
    unknown,               // no country recorded
    within_eea,            // no transfer (Art. 44 does not apply)
    adequacy,              // Art. 45: a decision covers the recipient
    adequacy_not_covered,  // `transfer: adequacy` where no decision covers the recipient
    safeguard,             // Art. 46, 47 or 49, as recorded
    none,                  // a third country with nothing recorded
};

struct TransferAssessment {
    TransferGround ground = TransferGround::unknown;
    const AdequacyDecision* decision = nullptr;  // the country's decision, when there is one
    bool third_country() const { return ground != TransferGround::unknown && ground != TransferGround::within_eea; }
    bool lawful() const {
        return ground == TransferGround::within_eea || ground == TransferGround::adequacy ||
               ground == TransferGround::safeguard;
    }
};

TransferAssessment assess_transfer(const Recipient& recipient);

}  // namespace gdprctl::model
