#include "model/transfer.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl::model;
using gdprctl::time::Date;

namespace {

Recipient recipient(std::string country, std::optional<TransferMechanism> transfer = std::nullopt) {
    Recipient r;
    r.country = std::move(country);
    r.transfer = transfer;
    return r;
}

}  // namespace

TEST_CASE("the adequacy table names the decision, its date and its scope", "[model]") {
    const auto* canada = find_adequacy_decision("CA");
    REQUIRE(canada);
    CHECK(canada->decision == "Commission Decision 2002/2/EC");
    CHECK(canada->scope.find("commercial") != std::string_view::npos);
    const auto* us = find_adequacy_decision("US");
    REQUIRE(us);
    CHECK(us->decision.find("2023/1795") != std::string_view::npos);
    CHECK(us->needs_certification);
    const auto* brazil = find_adequacy_decision("BR");
    REQUIRE(brazil);
    CHECK(brazil->decision == "Commission Implementing Decision (EU) 2026/179");
    CHECK(brazil->adopted == "2026-01-26");
    // The United Kingdom's decision has a sunset clause: the table records its renewal and expiry
    // (the record names both: tests/unit/report/notice_text_test.cpp).
    const auto* uk = find_adequacy_decision("GB");
    REQUIRE(uk);
    CHECK(uk->decision == "Commission Implementing Decision (EU) 2021/1772");
    CHECK(uk->renewed == "2025-12-19");
    CHECK(uk->valid_until == "2031-12-27");
    CHECK(uk->scope.empty());  // the immigration-control exclusion was lifted on renewal
    CHECK_FALSE(find_adequacy_decision("IN"));
    CHECK_FALSE(find_adequacy_decision("NL"));  // the EEA needs no decision
    CHECK(adequacy_decisions().size() == 16);
}

TEST_CASE("EU territories with a code of their own are the EU", "[model]") {
    CHECK(eu_member_state_of("AX") == "FI");
    CHECK(eu_member_state_of("RE") == "FR");
    CHECK(eu_member_state_of("US").empty());
    CHECK(is_eea_country("AX"));
    CHECK(is_eea_country("GF"));
    CHECK(assess_transfer(recipient("AX")).ground == TransferGround::within_eea);
}

TEST_CASE("a transfer is judged by the table, not by the field alone", "[model]") {
    // An adequate country needs no `transfer` field.
    auto ch = assess_transfer(recipient("CH"));
    CHECK(ch.ground == TransferGround::adequacy);
    CHECK(ch.lawful());
    // Adequacy claimed where there is no decision.
    CHECK(assess_transfer(recipient("IN", TransferMechanism::adequacy)).ground == TransferGround::adequacy_not_covered);
    // The United States: only with a recorded DPF certification check.
    auto us = recipient("US", TransferMechanism::adequacy);
    CHECK(assess_transfer(us).ground == TransferGround::adequacy_not_covered);
    us.dpf_checked = Date::from_ymd(2026, 10, 1);
    auto covered = assess_transfer(us);
    CHECK(covered.ground == TransferGround::adequacy);
    // SCCs stand on their own; nothing recorded is no ground.
    CHECK(assess_transfer(recipient("US", TransferMechanism::scc)).ground == TransferGround::safeguard);
    CHECK(assess_transfer(recipient("IN")).ground == TransferGround::none);
    CHECK_FALSE(assess_transfer(recipient("IN")).lawful());
    CHECK(assess_transfer(recipient("")).ground == TransferGround::unknown);
}
