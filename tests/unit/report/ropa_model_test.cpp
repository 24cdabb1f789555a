#include "report/ropa_model.hpp"
#include "output/report_formats.hpp"
#include "register/loader.hpp"
#include "report/notice.hpp"

#include "support/string_makers.hpp"

#include <algorithm>

using namespace gdprctl;

namespace {

const report::RopaRecord& acme() {
    static const auto record = [] {
        auto loaded = reg::load_register(std::string(GDPRCTL_TEST_DATA) + "/report/acme", 1);
        REQUIRE(loaded.diagnostics.empty());
        return report::build_ropa(loaded.reg, *time::parse_date("2026-11-25"), 0);
    }();
    return record;
}

const report::SystemEntry& system_entry(std::string_view id) {
    const auto& systems = acme().systems;
    auto it = std::find_if(systems.begin(), systems.end(), [&](const auto& s) { return s.id == id; });
    REQUIRE(it != systems.end());
    return *it;
}

const report::PurposeEntry& purpose(std::string_view system_id, std::string_view id) {
    const auto& purposes = system_entry(system_id).purposes;
    auto it = std::find_if(purposes.begin(), purposes.end(), [&](const auto& p) { return p.id == id; });
    REQUIRE(it != purposes.end());
    return *it;
}

}  // namespace

TEST_CASE("the record carries the controller block", "[report]") {
    const auto& c = acme().controller;
    CHECK(c.recorded);
    CHECK(c.name == "Acme Telecom B.V.");
    CHECK_FALSE(c.dpo.has_value());
    REQUIRE(c.responsible_person.has_value());
    CHECK(c.responsible_person->email == "iso@acme-telecom.example");
}

TEST_CASE("a purpose's retention names only the purpose's own data", "[report]") {
    const auto& newsletter = purpose("crm", "newsletter");
    REQUIRE(newsletter.retention.size() == 1);
    CHECK(output::retention_lines(newsletter.retention) ==
          std::vector<std::string>{"First and last name, E-mail address: 2 years after end of contract"});
}

TEST_CASE("undetermined retention is kept as such", "[report]") {
    const auto& crm = system_entry("crm");
    auto undetermined =
        std::count_if(crm.retention.begin(), crm.retention.end(), [](const auto& entry) { return entry.undetermined; });
    CHECK(undetermined == 1);
}

TEST_CASE("rights follow the lawful basis", "[report]") {
    CHECK(purpose("billing", "tax-records").rights ==
          std::vector<std::string>{"access", "rectification", "restriction"});
    auto fraud = purpose("crm", "fraud-prevention").rights;
    CHECK(std::count(fraud.begin(), fraud.end(), "objection") == 1);
    CHECK(std::count(fraud.begin(), fraud.end(), "portability") == 0);
    auto newsletter = purpose("crm", "newsletter").rights;
    CHECK(std::count(newsletter.begin(), newsletter.end(), "portability") == 1);
}

TEST_CASE("special-category purposes are marked with their condition", "[report]") {
    const auto& sick = purpose("hr", "sick-leave");
    CHECK(sick.special);
    CHECK(sick.special_condition == "9(2)(b)");
    CHECK_FALSE(purpose("hr", "payroll").special);
}

TEST_CASE("third-country recipients carry their safeguard", "[report]") {
    const auto& recipients = system_entry("crm").recipients;
    auto us = std::find_if(recipients.begin(), recipients.end(), [](const auto& r) { return r.id == "mailer-co"; });
    REQUIRE(us != recipients.end());
    CHECK(us->third_country);
    CHECK(us->safeguard == "Standard contractual clauses (GDPR Art. 46(2)(c))");
    auto eu = std::find_if(recipients.begin(), recipients.end(), [](const auto& r) { return r.id == "hosting-eu"; });
    REQUIRE(eu != recipients.end());
    CHECK_FALSE(eu->third_country);
}

TEST_CASE("an overdue review is flagged against the as-of date", "[report]") {
    CHECK(system_entry("billing").review_overdue);
    CHECK(system_entry("billing").next_review == "2026-10-15");
    CHECK_FALSE(system_entry("crm").review_overdue);
}

TEST_CASE("the notice words cookie expiry and flags undetermined retention", "[report]") {
    auto loaded = reg::load_register(std::string(GDPRCTL_TEST_DATA) + "/report/acme", 1);
    auto notice = report::build_notice(loaded.reg, *time::parse_date("2026-11-25"), 0);
    REQUIRE(notice.cookies.size() == 5);
    CHECK(notice.cookies[0].expiry == "session");
    CHECK(notice.cookies[3].expiry == "13 months");
    CHECK(notice.cookies[4].expiry == "30 minutes");
    CHECK(notice.cookies[0].provider == "Acme Telecom B.V. (first party)");
    CHECK(notice.contact_email == "privacy@acme-telecom.example");
    auto flagged =
        std::count_if(notice.retention.begin(), notice.retention.end(), [](const auto& r) { return r.flagged; });
    CHECK(flagged == 1);
    CHECK(notice.rights.size() == 6);
}
