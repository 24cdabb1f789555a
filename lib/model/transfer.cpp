#include "model/transfer.hpp"

#include <algorithm>
#include <array>

namespace gdprctl::model {
namespace {

// The decisions in force (European Commission, "Adequacy decisions"; the eleven pre-GDPR
// decisions were confirmed by the Commission's review of 15 January 2024; Brazil's decision of
// 26 January 2026 is the newest, checked 2026-11-26). Sorted by code.
constexpr std::array<AdequacyDecision, 16> decisions{{
    {"AD", "Andorra", "Commission Decision 2010/625/EU", "2010-10-19", "", false},
    {"AR", "Argentina", "Commission Decision 2003/490/EC", "2003-06-30", "", false},
    {"BR", "Brazil", "Commission Implementing Decision (EU) 2026/179", "2026-01-26", "", false},
    {"CA", "Canada", "Commission Decision 2002/2/EC", "2001-12-20", "commercial organisations subject to PIPEDA",
     false},
    {"CH", "Switzerland", "Commission Decision 2000/518/EC", "2000-07-26", "", false},
    {"FO", "Faroe Islands", "Commission Decision 2010/146/EU", "2010-03-05", "", false},
    // Decision 2021/1772 of 28 June 2021 had a four-year sunset clause (27 June 2025), excluded UK
    // immigration control, was extended in June 2025 to 27 December 2025 and was renewed by the
    // Commission on 19 December 2025 for six years, to 27 December 2031, with the immigration
    // exclusion lifted. Checked 2026-11-26 against the Commission's announcements as reported
    // (EDPB opinions of 20 October 2025; the renewal of 19 December 2025). Not verified: the
    // Official Journal number of the renewing decision, so the table names the 2021 decision and
    // the renewal by its date rather than guess a number. Update this row before 2031-12-27.
    {"GB", "United Kingdom", "Commission Implementing Decision (EU) 2021/1772", "2021-06-28", "", false, "2025-12-19",
     "2031-12-27"},
    {"GG", "Guernsey", "Commission Decision 2003/821/EC", "2003-11-21", "", false},
    {"IL", "Israel", "Commission Decision 2011/61/EU", "2011-01-31", "automated processing", false},
    {"IM", "Isle of Man", "Commission Decision 2004/411/EC", "2004-04-28", "", false},
    {"JE", "Jersey", "Commission Decision 2008/393/EC", "2008-05-08", "", false},
    {"JP", "Japan", "Commission Implementing Decision (EU) 2019/419", "2019-01-23",
     "private-sector organisations subject to the APPI", false},
    {"KR", "Republic of Korea", "Commission Implementing Decision (EU) 2022/254", "2021-12-17",
     "organisations subject to PIPA", false},
    {"NZ", "New Zealand", "Commission Implementing Decision 2013/65/EU", "2012-12-19", "", false},
    {"US", "United States", "Commission Implementing Decision (EU) 2023/1795", "2023-07-10",
     "organisations certified under the EU-US Data Privacy Framework", true},
    {"UY", "Uruguay", "Commission Implementing Decision 2012/484/EU", "2012-08-21", "", false},
}};

// TFEU Art. 355(1) and Protocol 2 to the 1994 Act of Accession (Åland): part of the Union.
// The Canary Islands, the Azores and Madeira have no code of their own (ES, PT).
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> eu_territories{{
    {"AX", "FI"},  // Åland
    {"GF", "FR"},  // French Guiana
    {"GP", "FR"},  // Guadeloupe
    {"MF", "FR"},  // Saint-Martin
    {"MQ", "FR"},  // Martinique
    {"RE", "FR"},  // Réunion
    {"YT", "FR"},  // Mayotte
}};

constexpr bool sorted_by_code() {
    for (std::size_t i = 1; i < decisions.size(); ++i)
        if (!(decisions[i - 1].country < decisions[i].country)) return false;
    return true;
}
static_assert(sorted_by_code(), "keep the adequacy table sorted by country code");

}  // namespace

std::span<const AdequacyDecision> adequacy_decisions() {
    return decisions;
}

const AdequacyDecision* find_adequacy_decision(std::string_view country) {
    auto it = std::lower_bound(decisions.begin(), decisions.end(), country,
                               [](const AdequacyDecision& d, std::string_view code) { return d.country < code; });
    return it != decisions.end() && it->country == country ? &*it : nullptr;
}

std::string_view eu_member_state_of(std::string_view code) {
    for (const auto& [territory, state] : eu_territories)
        if (territory == code) return state;
    return {};
}

TransferAssessment assess_transfer(const Recipient& recipient) {
    TransferAssessment result;
    if (recipient.country.empty()) return result;
    if (is_eea_country(recipient.country)) {
        result.ground = TransferGround::within_eea;
        return result;
    }
    result.decision = find_adequacy_decision(recipient.country);
    bool covered = result.decision && (!result.decision->needs_certification || recipient.dpf_checked);
    if (covered)
        result.ground = TransferGround::adequacy;
    else if (recipient.transfer == TransferMechanism::adequacy)
        result.ground = TransferGround::adequacy_not_covered;
    else if (recipient.transfer)
        result.ground = TransferGround::safeguard;
    else
        result.ground = TransferGround::none;
    return result;
}

}  // namespace gdprctl::model
