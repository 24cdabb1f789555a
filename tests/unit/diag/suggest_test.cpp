#include "diag/suggest.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl::diag;

TEST_CASE("edit distance", "[diag]") {
    CHECK(edit_distance("consent", "consent") == 0);
    CHECK(edit_distance("consnet", "consent") == 2);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("Owner", "owner") == 0);
}

TEST_CASE("did you mean picks a close candidate or none", "[diag]") {
    std::vector<std::string_view> fields{"owner", "name", "subjects", "data"};
    CHECK(did_you_mean("ownr", fields) == "did you mean `owner`?");
    CHECK(did_you_mean("subject", fields) == "did you mean `subjects`?");
    CHECK(did_you_mean("colour", fields).empty());
    CHECK(did_you_mean("owner", fields).empty());
    std::vector<std::string_view> categories{"contact.email", "contact.phone", "identity.name"};
    CHECK(did_you_mean("email", categories) == "did you mean `contact.email`?");
}

TEST_CASE("one_of lists the allowed values", "[diag]") {
    CHECK(one_of({"a", "b"}) == "one of: a, b");
}
