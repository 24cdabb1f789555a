#include "report/notice_text.hpp"

#include "model/cookie_consent.hpp"
#include "model/taxonomy.hpp"
#include "model/transfer.hpp"
#include "report/text.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace gdprctl::report;
using gdprctl::model::AdequacyDecision;

namespace {

// The `{}` placeholders of a phrase: both languages must fill the same number.
std::size_t placeholders(std::string_view text) {
    std::size_t n = 0;
    for (auto at = text.find("{}"); at != std::string_view::npos; at = text.find("{}", at + 2)) ++n;
    return n;
}

// Phrases that are the same word in Dutch and English.
const std::set<Phrase> same_in_dutch{Phrase::section_cookies, Phrase::column_cookie};

// Every value of a vocabulary has a Dutch label, and it is not the English one (Marketing is both).
template <typename Enum>
void check_dutch_labels() {
    for (const auto& entry : gdprctl::model::Vocabulary<Enum>::entries) {
        INFO(entry.name);
        auto dutch = label(Language::nl, entry.value);
        CHECK_FALSE(dutch.empty());
        if (entry.label != "Marketing") CHECK(dutch != entry.label);
        CHECK(label(Language::en, entry.value) == entry.label);
    }
}

}  // namespace

TEST_CASE("every English phrase of the notice has its Dutch counterpart", "[report]") {
    auto en = phrase_table(Language::en);
    auto nl = phrase_table(Language::nl);
    REQUIRE(en.size() == phrase_count);
    REQUIRE(nl.size() == phrase_count);
    for (std::size_t i = 0; i < phrase_count; ++i) {
        INFO("phrase " << i << ": " << en[i].text);
        CHECK(static_cast<std::size_t>(en[i].id) == i);
        CHECK(static_cast<std::size_t>(nl[i].id) == i);
        CHECK_FALSE(nl[i].text.empty());
        CHECK(placeholders(nl[i].text) == placeholders(en[i].text));
        // No silent fallback: a Dutch entry that is the English text is a translation left undone.
        if (!same_in_dutch.count(en[i].id)) CHECK(nl[i].text != en[i].text);
    }
}

TEST_CASE("a Dutch phrase that cites the GDPR cites it as the AVG", "[report]") {
    for (const auto& entry : phrase_table(Language::nl)) {
        INFO(entry.text);
        CHECK(entry.text.find("GDPR") == std::string_view::npos);
    }
    CHECK(cite_gdpr(Language::nl, "GDPR Art. 6(1)(f)") == "art. 6 lid 1 sub f AVG");
    CHECK(cite_gdpr(Language::nl, "GDPR Art. 15") == "art. 15 AVG");
    CHECK(cite_gdpr(Language::en, "GDPR Art. 6(1)(f)") == "GDPR Art. 6(1)(f)");
}

TEST_CASE("every value of the vocabularies the notice names has a Dutch label", "[report]") {
    check_dutch_labels<gdprctl::model::LawfulBasis>();
    check_dutch_labels<gdprctl::model::RecipientRole>();
    check_dutch_labels<gdprctl::model::TransferMechanism>();
    check_dutch_labels<gdprctl::model::CookieCategory>();
    check_dutch_labels<gdprctl::model::Right>();
    CHECK(label_with_article(Language::nl, gdprctl::model::LawfulBasis::legitimate_interests) ==
          "Gerechtvaardigd belang (art. 6 lid 1 sub f AVG)");
    CHECK(label_with_article(Language::en, gdprctl::model::LawfulBasis::legitimate_interests) ==
          "Legitimate interests (GDPR Art. 6(1)(f))");
}

TEST_CASE("every built-in data category has a Dutch name", "[report]") {
    gdprctl::model::Taxonomy taxonomy;
    for (auto id : taxonomy.ids()) {
        const auto* category = taxonomy.find(id);
        REQUIRE(category);
        INFO(id);
        auto dutch = category_name(Language::nl, id, category->name);
        CHECK_FALSE(dutch.empty());
        CHECK(dutch != category->name);
        CHECK(category_name(Language::en, id, category->name) == category->name);
    }
    // A category the register names itself keeps its name.
    CHECK(category_name(Language::nl, "identity.name", "Naam") == "Naam");
    CHECK(category_name(Language::nl, "custom.thing", "Klantnummer") == "Klantnummer");
}

TEST_CASE("durations and retention periods read in both languages", "[report]") {
    gdprctl::time::Duration d;
    d.years = 2;
    d.months = 6;
    CHECK(duration_text(Language::en, d) == "2 years and 6 months");
    CHECK(duration_text(Language::nl, d) == "2 jaar en 6 maanden");
    CHECK(duration_text(Language::en, d) == humanise_duration(d));
    gdprctl::model::RetentionRule rule;
    rule.period = d;
    rule.after = "end-of-contract";
    rule.action = gdprctl::model::RetentionAction::anonymise;
    CHECK(retention_text(Language::en, rule) == humanise_retention(rule));
    CHECK(retention_text(Language::nl, rule) == "2 jaar en 6 maanden na end of contract, daarna geanonimiseerd");
    rule.undetermined = true;
    CHECK(retention_text(Language::nl, rule) == "onbepaald");
}

TEST_CASE("the English cookie exemptions are the provisions check cites", "[report]") {
    using gdprctl::model::CookieCategory;
    gdprctl::model::Register reg;
    gdprctl::model::Organization org;
    org.country = "NL";
    reg.organization = org;
    for (auto [category, id] : {std::pair{CookieCategory::strictly_necessary, Phrase::exemption_strictly_necessary},
                                {CookieCategory::user_interface, Phrase::exemption_user_interface},
                                {CookieCategory::analytics, Phrase::exemption_first_party_analytics}}) {
        gdprctl::model::Cookie cookie;
        cookie.category = category;
        cookie.provider = std::string(gdprctl::model::first_party_provider);
        auto exemption = gdprctl::model::consent_exemption(reg, cookie);
        REQUIRE(exemption);
        CHECK(*exemption == phrase(Language::en, id));
    }
}

TEST_CASE("adequacy decisions are named in both languages, partial scopes included", "[report]") {
    gdprctl::model::Recipient recipient;
    for (const auto& decision : gdprctl::model::adequacy_decisions()) {
        INFO(decision.country);
        auto dutch = adequacy_text(Language::nl, decision, recipient);
        CHECK(dutch.find("Commission") == std::string::npos);
        CHECK(dutch.find(" of ") == std::string::npos);
        if (!decision.scope.empty()) CHECK(dutch.find(std::string(decision.scope)) == std::string::npos);
    }
    const auto* uk = gdprctl::model::find_adequacy_decision("GB");
    REQUIRE(uk);
    CHECK(adequacy_text(Language::nl, *uk, recipient) ==
          "Uitvoeringsbesluit (EU) 2021/1772 van de Commissie van 2021-06-28, verlengd op 2025-12-19 tot 2031-12-27");
    CHECK(adequacy_text(Language::en, *uk, recipient) ==
          "Commission Implementing Decision (EU) 2021/1772 of 2021-06-28, renewed on 2025-12-19 until 2031-12-27");
    // The United States: the recipient's certification check is named with the decision.
    const auto* us = gdprctl::model::find_adequacy_decision("US");
    REQUIRE(us);
    recipient.dpf_checked = gdprctl::time::Date::from_ymd(2026, 10, 1);
    CHECK(adequacy_text(Language::en, *us, recipient) ==
          "Commission Implementing Decision (EU) 2023/1795 of 2023-07-10 (EU-US Data Privacy Framework; "
          "certification checked 2026-10-01)");
    CHECK(adequacy_text(Language::nl, *us, recipient) ==
          "Uitvoeringsbesluit (EU) 2023/1795 van de Commissie van 2023-07-10 (EU-VS-kader voor gegevensbescherming; "
          "certificering gecontroleerd op 2026-10-01)");
}

TEST_CASE("the notice is written in en or nl (--lang)", "[report]") {
    CHECK(parse_language("nl") == Language::nl);
    CHECK(parse_language("en") == Language::en);
    CHECK_FALSE(parse_language("de"));
    CHECK(to_string(Language::nl) == "nl");
}
