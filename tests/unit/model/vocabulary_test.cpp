#include "model/vocabulary.hpp"
#include "store/store.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

namespace {

// Every value's spelling parses back to it, and names<E>() lists them in the table's order.
template <typename Enum>
void check_round_trip() {
    const auto& entries = model::Vocabulary<Enum>::entries;
    REQUIRE(model::names<Enum>().size() == entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto value = entries[i].value;
        INFO(model::to_string(value));
        CHECK(model::parse<Enum>(model::to_string(value)) == value);
        CHECK(model::names<Enum>()[i] == model::to_string(value));
        CHECK_FALSE(model::label(value).empty());
    }
    CHECK_FALSE(model::parse<Enum>("no-such-value"));
}

}  // namespace

TEST_CASE("every vocabulary parses its own spellings back", "[model][vocabulary]") {
    check_round_trip<model::LawfulBasis>();
    check_round_trip<model::RecipientRole>();
    check_round_trip<model::TransferMechanism>();
    check_round_trip<model::CookieCategory>();
    check_round_trip<model::RetentionAction>();
    check_round_trip<model::Right>();
    check_round_trip<store::RequestStatus>();
    check_round_trip<store::Outcome>();
    check_round_trip<store::TaskKind>();
}

TEST_CASE("spellings, labels and articles as the register and the reports write them", "[model][vocabulary]") {
    CHECK(model::to_string(model::RetentionAction::delete_) == "delete");
    CHECK(model::parse<model::RetentionAction>("delete") == model::RetentionAction::delete_);
    CHECK(model::to_string(model::LawfulBasis::legal_obligation) == "legal-obligation");
    CHECK(model::label(model::LawfulBasis::legal_obligation) == "Legal obligation");
    CHECK(model::article_of(model::LawfulBasis::legal_obligation) == "GDPR Art. 6(1)(c)");
    CHECK(model::label(model::Right::portability) == "Data portability");
    CHECK(model::article_of(model::Right::portability) == "GDPR Art. 20");
    CHECK(model::label(model::RecipientRole::authority) == "Public authority");
}
