#include "consent/consent.hpp"

#include "errors.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

using namespace gdprctl;

namespace {

model::Purpose purpose(const char* id, model::LawfulBasis basis) {
    model::Purpose p;
    p.id = id;
    p.basis = basis;
    return p;
}

model::Register consent_register() {
    model::Register reg;
    model::System crm;
    crm.id = "crm";
    crm.purposes = {purpose("service", model::LawfulBasis::contract), purpose("newsletter", model::LawfulBasis::consent)};
    crm.recipients = {"mailer-co"};
    model::System website;
    website.id = "website";
    website.purposes = {purpose("newsletter", model::LawfulBasis::consent)};
    website.recipients = {"analytics-co", "mailer-co"};
    reg.systems = {crm, website};
    return reg;
}

// Dated and recorded at `when`: the store's clock checks see a change made at that real time.
store::ChangeStamp stamp_at(const char* when) {
    const auto at = *time::parse_datetime(when);
    return {"tester", at, at, ""};
}

consent::RecordOptions options(const char* subject, const char* purpose_id, const char* at, const char* evidence = "form v3") {
    consent::RecordOptions o;
    o.subject = subject;
    o.purpose = purpose_id;
    o.at = at;
    o.evidence = evidence;
    return o;
}

}  // namespace

TEST_CASE("consent event ids read back", "[consent]") {
    CHECK(consent::event_id(17) == "CON-17");
    CHECK(consent::parse_event_id("CON-17") == 17);
    CHECK(consent::parse_event_id("17") == 17);
    CHECK_FALSE(consent::parse_event_id("CON-"));
    CHECK_FALSE(consent::parse_event_id("CON-0"));
    CHECK_FALSE(consent::parse_event_id("REQ-2026-0001"));
}

TEST_CASE("only consent-based purposes of the register accept consent", "[consent]") {
    const auto reg = consent_register();
    CHECK(consent::consent_purposes(reg) == std::vector<std::string>{"crm/newsletter", "website/newsletter"});
    CHECK_NOTHROW(consent::require_consent_purpose(reg, "crm/newsletter"));
    try {
        consent::require_consent_purpose(reg, "crm/service");
        FAIL("a contract purpose must be refused");
    } catch (const Refusal& refusal) {
        CHECK(std::string(refusal.what()).find("rests on contract") != std::string::npos);
        CHECK(refusal.hint().find("crm/newsletter, website/newsletter") != std::string::npos);
    }
    try {
        consent::require_consent_purpose(reg, "crm/newsleter");
        FAIL("an unknown purpose must be refused");
    } catch (const Refusal& refusal) {
        CHECK(refusal.hint().find("did you mean `crm/newsletter`?") != std::string::npos);
    }
    CHECK_THROWS_AS(consent::require_consent_purpose(reg, "newsletter"), UsageError);
}

TEST_CASE("a withdrawal reaches every system with the purpose and their recipients", "[consent]") {
    const auto tasks = consent::plan_withdrawal_tasks(consent_register(), "website/newsletter");
    REQUIRE(tasks.size() == 4);
    CHECK(tasks[0].target == "website");  // the named system first
    CHECK(tasks[1].target == "crm");
    CHECK(tasks[2].kind == store::TaskKind::notify);
    CHECK(tasks[2].target == "analytics-co");
    CHECK(tasks[3].target == "mailer-co");
}

TEST_CASE("the consent ledger: record, withdraw, status, audience, history", "[consent]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto reg = consent_register();
    const auto zone = time::Zone::load("Europe/Amsterdam");
    const auto now = stamp_at("2026-06-01T12:00:00Z");

    const auto given = consent::record_consent(*store, reg, options("C-1", "crm/newsletter", "2026-05-01T10:00"), zone, now);
    CHECK(given.event.id == 1);
    CHECK(given.event.at.to_string() == "2026-05-01T08:00:00Z");  // read in Amsterdam (CEST)
    consent::record_consent(*store, reg, options("C-2", "crm/newsletter", "2026-05-02T10:00Z"), zone, now);

    SECTION("consent needs evidence, a consent purpose and a time not in the future") {
        CHECK_THROWS_AS(consent::record_consent(*store, reg, options("C-1", "crm/newsletter", "", ""), zone, now), Refusal);
        CHECK_THROWS_AS(consent::record_consent(*store, reg, options("C-1", "crm/service", ""), zone, now), Refusal);
        CHECK_THROWS_AS(
            consent::record_consent(*store, reg, options("C-1", "crm/newsletter", "2026-06-02T00:00Z"), zone, now),
            UsageError);
        CHECK_THROWS_AS(consent::record_consent(*store, reg, options("C-1", "crm/newsletter", "tomorrow"), zone, now),
                        UsageError);
    }

    SECTION("the latest event wins, at any moment") {
        const auto withdrawn =
            consent::withdraw_consent(*store, reg, options("C-1", "crm/newsletter", "2026-05-20T09:00Z", ""), zone, now);
        CHECK(withdrawn.had_consent);
        CHECK(withdrawn.tasks.size() == 4);
        auto status = consent::consent_status(*store, "C-1", "", now.at);
        REQUIRE(status.size() == 1);
        CHECK(status[0].state == store::ConsentAction::withdrawn);
        status = consent::consent_status(*store, "C-1", "", *time::parse_datetime("2026-05-10T00:00Z"));
        CHECK(status[0].state == store::ConsentAction::given);

        std::vector<std::string> audience;
        consent::list_audience(*store, reg, "crm/newsletter", store::ConsentAction::given, now.at,
                               [&](const consent::AudienceMember& m) { audience.push_back(m.subject); });
        CHECK(audience == std::vector<std::string>{"C-2"});
        audience.clear();
        consent::list_audience(*store, reg, "crm/newsletter", store::ConsentAction::given,
                               *time::parse_datetime("2026-05-10T00:00Z"),
                               [&](const consent::AudienceMember& m) { audience.push_back(m.subject); });
        CHECK(audience == std::vector<std::string>{"C-1", "C-2"});

        std::size_t pending = 0;
        consent::list_tasks(*store, true, [&](const store::ConsentTask&) { ++pending; });
        CHECK(pending == 4);
        consent::complete_task(*store, "CON-3", "notify:mailer-co", now);
        CHECK_THROWS_AS(consent::complete_task(*store, "CON-3", "notify:mailer-co", now), Refusal);
        CHECK_THROWS_AS(consent::complete_task(*store, "CON-3", "billing", now), UsageError);
        pending = 0;
        consent::list_tasks(*store, true, [&](const store::ConsentTask&) { ++pending; });
        CHECK(pending == 3);
    }

    SECTION("a withdrawal without a recorded consent is kept and said to be so") {
        const auto withdrawn =
            consent::withdraw_consent(*store, reg, options("C-9", "website/newsletter", "", ""), zone, now);
        CHECK_FALSE(withdrawn.had_consent);
        CHECK(withdrawn.event.at == now.at);
    }

    SECTION("every change is audited by id, never by subject") {
        store->read([&](store::StoreReader& reader) {
            const auto events = reader.audit_events_for("CON-1");
            REQUIRE(events.size() == 1);
            CHECK(events[0].action == "consent.record");
            CHECK(events[0].details.find("C-1") == std::string::npos);
        });
    }

    SECTION("the history carries every event of the subject") {
        consent::withdraw_consent(*store, reg, options("C-1", "crm/newsletter", "2026-05-20T09:00Z", ""), zone, now);
        const auto history = consent::consent_history(*store, "C-1");
        CHECK(history.events.size() == 2);
        REQUIRE(history.states.size() == 1);
        CHECK(history.states[0].state == store::ConsentAction::withdrawn);
    }
}
