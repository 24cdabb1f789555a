#include "model/taxonomy.hpp"
#include "model/vocabulary.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl::model;

TEST_CASE("the taxonomy marks every Art. 9 category special and Art. 10 criminal", "[model]") {
    Taxonomy taxonomy;
    for (const char* id : {"special.racial-ethnic-origin", "special.political-opinions", "special.religious-beliefs",
                           "special.trade-union", "special.genetic", "special.biometric", "special.health",
                           "special.sex-life"}) {
        INFO(id);
        REQUIRE(taxonomy.contains(id));
        CHECK(taxonomy.class_of(id) == DataClass::special);
    }
    CHECK(taxonomy.class_of("criminal.convictions") == DataClass::criminal);
    CHECK(taxonomy.class_of("contact.email") == DataClass::ordinary);
}

TEST_CASE("a parent key covers its children only", "[model]") {
    CHECK(Taxonomy::covers("contact", "contact.email"));
    CHECK(Taxonomy::covers("contact.email", "contact.email"));
    CHECK_FALSE(Taxonomy::covers("contact.email", "contact"));
    CHECK_FALSE(Taxonomy::covers("contact", "contacts.email"));
}

TEST_CASE("exactly six lawful bases", "[model]") {
    CHECK(names<LawfulBasis>().size() == 6);
    CHECK(parse<LawfulBasis>("legitimate-interests") == LawfulBasis::legitimate_interests);
    CHECK_FALSE(parse<LawfulBasis>("legitimate-interest"));
    CHECK(article_of(LawfulBasis::consent) == "GDPR Art. 6(1)(a)");
}

TEST_CASE("EEA membership", "[model]") {
    CHECK(is_eea_country("NL"));
    CHECK(is_eea_country("NO"));
    CHECK_FALSE(is_eea_country("US"));
    CHECK_FALSE(is_eea_country("GB"));
    CHECK_FALSE(is_eea_country("CH"));
}
