#include "store/change_time.hpp"
#include "errors.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

namespace {

time::DateTime at(const char* text) { return *time::parse_datetime(text); }

store::ChangeStamp stamp(const char* effective, const char* recorded) {
    store::ChangeStamp s;
    s.actor = "tester";
    s.at = at(effective);
    s.recorded_at = at(recorded);
    return s;
}

}  // namespace

TEST_CASE("stamp_under_lock reads the clock again for times that came from it", "[change_time]") {
    // A writer that took its stamp, then waited for another writer's lock, must not record a
    // time earlier than the event it follows (cli: requests, 8 parallel opens, found it under ASan).
    auto s = stamp("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z");
    s.recorded_from_clock = true;
    s.at_from_clock = true;
    const auto before = time::DateTime::now();
    const auto fresh = store::stamp_under_lock(s);
    CHECK(before <= fresh.recorded_at);
    CHECK(fresh.at == fresh.recorded_at);

    SECTION("an effective time given with --as-of is kept") {
        s.at_from_clock = false;
        s.at = at("2019-06-01T12:00:00Z");
        const auto kept = store::stamp_under_lock(s);
        CHECK(kept.at == at("2019-06-01T12:00:00Z"));
        CHECK(before <= kept.recorded_at);
    }
    SECTION("a stamp with fixed times (a caller's, a test's) is returned as it is") {
        s.recorded_from_clock = false;
        const auto same = store::stamp_under_lock(s);
        CHECK(same.recorded_at == at("2020-01-01T00:00:00Z"));
        CHECK(same.at == at("2020-01-01T00:00:00Z"));
    }
    SECTION("never earlier than the stamp's own times") {
        s.recorded_at = at("2999-01-01T00:00:00Z");
        const auto later = store::stamp_under_lock(s);
        CHECK(later.recorded_at == at("2999-01-01T00:00:00Z"));
        CHECK(later.at == at("2999-01-01T00:00:00Z"));
    }
}

TEST_CASE("checked_stamp refuses a change dated before the newest event without --backdate", "[change_time]") {
    const auto now = time::DateTime::now();
    store::ChangeStamp s;
    s.actor = "tester";
    s.at = now;
    s.recorded_at = now;
    const auto newer = time::DateTime(now.time_point() + std::chrono::seconds(5));
    CHECK_THROWS_AS(store::checked_stamp(s, newer), Refusal);
    s.backdate_reason = "entered late from the paper log";
    CHECK(store::checked_stamp(s, newer).backdate_reason == "entered late from the paper log");
    s.backdate_reason.clear();
    CHECK(store::checked_stamp(s, now).backdate_reason.empty());
}
