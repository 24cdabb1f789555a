#include "model/cookie_consent.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl::model;

namespace {

Register register_in(std::string country) {
    Register reg;
    Organization org;
    org.country = std::move(country);
    reg.organization = org;
    return reg;
}

Cookie cookie(CookieCategory category, std::string provider = "first-party") {
    Cookie c;
    c.name = std::string("c");
    c.provider = std::move(provider);
    c.category = category;
    return c;
}

}  // namespace

TEST_CASE("consent exemptions follow the organisation's country", "[model]") {
    auto nl = register_in("NL");
    auto de = register_in("DE");
    CHECK(consent_exemption(de, cookie(CookieCategory::strictly_necessary)));
    // User-interface cookies are exempt everywhere (WP29 Opinion 04/2012).
    CHECK(consent_exemption(de, cookie(CookieCategory::user_interface)));
    // First-party analytics: only in the Netherlands, and only first-party.
    auto analytics = consent_exemption(nl, cookie(CookieCategory::analytics));
    REQUIRE(analytics);
    CHECK(analytics->find("11.7a") != std::string_view::npos);
    CHECK_FALSE(consent_exemption(de, cookie(CookieCategory::analytics)));
    CHECK_FALSE(consent_exemption(nl, cookie(CookieCategory::analytics, "clarity")));
    CHECK_FALSE(consent_exemption(nl, cookie(CookieCategory::marketing)));
    CHECK_FALSE(consent_exemption(nl, cookie(CookieCategory::functional)));
}

TEST_CASE("a cookie needing consent is set without it unless a consent purpose covers it", "[model]") {
    auto reg = register_in("DE");
    System site;
    site.id = std::string("web");
    Purpose stats;
    stats.id = std::string("stats");
    stats.basis = LawfulBasis::consent;
    site.purposes.push_back(stats);
    reg.systems.push_back(site);
    auto c = cookie(CookieCategory::analytics);
    CHECK(set_without_consent(reg, c));
    c.system = std::string("web");
    c.purpose = std::string("stats");
    CHECK_FALSE(set_without_consent(reg, c));
    CHECK_FALSE(set_without_consent(reg, cookie(CookieCategory::user_interface)));
}
