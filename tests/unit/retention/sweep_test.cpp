#include "retention/sweep.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using namespace gdprctl;

namespace {

time::DateTime instant(const char* text) {
    return *time::parse_datetime(text);
}

store::ChangeStamp stamp_at(const char* when, const time::Zone& zone = time::Zone::utc()) {
    const auto at = instant(when);
    return {"tester", at, at, "sweep test history", zone.date_at(at)};
}

// A request of `subject` closed at `closed` (with one task), written with its events.
void closed_request(store::Store& store, int number, const char* subject, const char* closed) {
    store::Request r;
    r.year = 2020;
    r.number = number;
    r.id = "REQ-2020-" + std::to_string(number);
    r.subject = subject;
    r.subject_kind = "customer";
    r.received = time::Date::from_ymd(2020, 1, 2);
    r.due = time::Date::from_ymd(2020, 2, 2);
    r.opened_at = instant("2020-01-02T09:00:00Z");
    r.opened_by = "tester";
    r.status = store::RequestStatus::closed;
    r.outcome = store::Outcome::fulfilled;
    r.closed_at = instant(closed);
    store.write(stamp_at(closed), [&](store::StoreWriter& writer) {
        writer.insert_request(r);
        writer.insert_task({r.id, store::TaskKind::system, "crm", "", r.closed_at, "officer", "done"});
        writer.append_audit({"request.close", r.id, ""});
    });
}

std::vector<store::AuditEvent> events(store::Store& store) {
    std::vector<store::AuditEvent> found;
    store::for_each_audit_event(store, std::nullopt, [&](const store::AuditEvent& e) { found.push_back(e); });
    return found;
}

const retention::SweepArea& area(const retention::SweepResult& result, std::string_view name) {
    for (const auto& a : result.areas)
        if (a.name == name) return a;
    throw std::logic_error("no such area");
}

}  // namespace

TEST_CASE("the sweep applies each kind's period and records counts, never identifiers", "[retention][sweep]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    closed_request(*store, 1, "jane-MARKER", "2020-03-01T12:00:00Z");  // last day of P5Y as of 2025-03-02
    closed_request(*store, 2, "john-MARKER", "2020-03-02T12:00:00Z");  // kept one day longer
    const model::StoreRetention defaults;
    const auto zone = time::Zone::utc();

    const auto dry = retention::sweep_dry_run(*store, defaults, instant("2025-03-02T08:00:00Z"), zone);
    CHECK(dry.dry_run);
    CHECK(dry.as_of == time::Date::from_ymd(2025, 3, 2));
    REQUIRE(dry.areas.size() == 3);
    CHECK(area(dry, "requests").last_day == time::Date::from_ymd(2020, 3, 1));
    CHECK(area(dry, "requests").counts.records == 1);
    CHECK(area(dry, "requests").counts.dependents == 1);
    CHECK(area(dry, "requests").period_is_default);
    CHECK(area(dry, "consents").counts.records == 0);
    CHECK(area(dry, "breaches").counts.records == 0);
    const auto before = events(*store).size();
    CHECK(before == 2);  // the two closings: a dry run writes no event

    model::StoreRetention shorter;
    shorter.requests = *time::parse_duration("P1Y");
    const auto ahead = retention::sweep_dry_run(*store, shorter, instant("2021-03-03T00:00:00Z"), zone);
    CHECK(area(ahead, "requests").counts.records == 2);
    CHECK_FALSE(area(ahead, "requests").period_is_default);

    const auto swept = retention::sweep_store(*store, defaults, stamp_at("2025-03-02T08:00:00Z"), zone);
    CHECK_FALSE(swept.dry_run);
    CHECK(area(swept, "requests").counts.records == 1);
    CHECK(swept.purge.complete);
    const auto trail = events(*store);
    REQUIRE(trail.size() == before + 1);
    const auto& event = trail.back();
    CHECK(event.action == store::retention_sweep_action);
    CHECK(event.target == "store");
    CHECK(event.details ==
          "requests_deleted=1 request_tasks_deleted=1 requests_period=P5Y requests_through=2020-03-01 "
          "consents_deleted=0 consent_tasks_deleted=0 consents_period=P5Y consents_through=2020-03-01 "
          "breaches_deleted=0 breach_notifications_deleted=0 breaches_period=P5Y breaches_through=2020-03-01");
    CHECK(verify_chain(*store).ok);
}

TEST_CASE("a day of the store's retention ends at midnight in the workspace's time zone", "[retention][sweep]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    // 23:30 UTC on 29 February is 00:30 on 1 March in Amsterdam: closed on the 1st there.
    closed_request(*store, 1, "jane", "2020-02-29T23:30:00Z");
    const model::StoreRetention defaults;
    const auto amsterdam = time::Zone::load("Europe/Amsterdam");
    // As of 1 March 2025 the last day is 29 February 2020 (its period ends on 28 February 2025,
    // month-end clamped): a request closed on 1 March in Amsterdam is kept...
    auto result = retention::sweep_dry_run(*store, defaults, instant("2025-03-01T10:00:00Z"), amsterdam);
    CHECK(area(result, "requests").last_day == time::Date::from_ymd(2020, 2, 29));
    CHECK(area(result, "requests").counts.records == 0);
    // ...while in UTC it was closed on the 29th, and is due.
    result = retention::sweep_dry_run(*store, defaults, instant("2025-03-01T10:00:00Z"), time::Zone::utc());
    CHECK(area(result, "requests").last_day == time::Date::from_ymd(2020, 2, 29));
    CHECK(area(result, "requests").counts.records == 1);
    // In Amsterdam it goes on 2 March 2025, the day after its period's last day (1 March 2025).
    result = retention::sweep_dry_run(*store, defaults, instant("2025-03-02T10:00:00Z"), amsterdam);
    CHECK(area(result, "requests").counts.records == 1);
}

TEST_CASE("a settings.store_retention with a problem refuses the sweep, naming where", "[retention][sweep]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    model::StoreRetention broken;
    broken.problem = "gdpr.yaml:7:15: settings.store_retention: `requests` is not an ISO 8601 duration: `5 years`";
    const auto zone = time::Zone::utc();
    CHECK_THROWS_WITH(retention::sweep_dry_run(*store, broken, instant("2025-03-02T08:00:00Z"), zone),
                      Catch::StartsWith("gdpr.yaml:7:15: settings.store_retention:"));
    try {
        retention::sweep_store(*store, broken, stamp_at("2025-03-02T08:00:00Z"), zone);
        FAIL("the sweep ran with a broken setting");
    } catch (const UsageError& error) {
        CHECK(error.exit_code() == 2);
        CHECK_THAT(error.what(), Catch::Contains("nothing was deleted"));
    }
    CHECK(events(*store).empty());
}
