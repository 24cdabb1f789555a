#include "time/zone.hpp"

#include "errors.hpp"
#include "support/string_makers.hpp"

using namespace gdprctl;
using namespace gdprctl::time;

namespace {
DateTime utc(std::string_view text) { return *parse_datetime(text); }
LocalDateTime local(int y, unsigned m, unsigned d, int hh, int mm) { return {Date::from_ymd(y, m, d), hh, mm, 0}; }
}  // namespace

TEST_CASE("Zone::utc converts without offsets", "[time][zone]") {
    auto zone = Zone::utc();
    CHECK(zone.is_utc());
    CHECK(zone.offset_at(utc("2026-07-01T12:00Z")) == 0);
    CHECK(zone.to_utc(local(2026, 3, 29, 2, 30)).to_string() == "2026-03-29T02:30:00Z");
    CHECK(zone.to_local(utc("2026-12-31T23:59:59Z")).to_string() == "2026-12-31T23:59:59");
}

TEST_CASE("Europe/Amsterdam offsets follow daylight-saving time", "[time][zone]") {
    auto zone = Zone::load("Europe/Amsterdam");
    CHECK(zone.name() == "Europe/Amsterdam");
    CHECK(zone.offset_at(utc("2026-01-15T12:00Z")) == 3600);
    CHECK(zone.offset_at(utc("2026-07-15T12:00Z")) == 7200);
    // 2026-03-29 01:00Z: 02:00 CET becomes 03:00 CEST; 2026-10-25 01:00Z: 03:00 CEST becomes 02:00 CET.
    CHECK(zone.offset_at(utc("2026-03-29T00:59:59Z")) == 3600);
    CHECK(zone.offset_at(utc("2026-03-29T01:00:00Z")) == 7200);
    CHECK(zone.offset_at(utc("2026-10-25T00:59:59Z")) == 7200);
    CHECK(zone.offset_at(utc("2026-10-25T01:00:00Z")) == 3600);
    // Beyond the last transition written out in the file, the rule in its footer applies.
    CHECK(zone.offset_at(utc("2090-07-01T00:00Z")) == 7200);
}

TEST_CASE("Local readings convert to UTC across both daylight-saving changes", "[time][zone]") {
    auto zone = Zone::load("Europe/Amsterdam");
    CHECK(zone.to_utc(local(2026, 3, 28, 12, 0)).to_string() == "2026-03-28T11:00:00Z");
    CHECK(zone.to_utc(local(2026, 3, 29, 1, 59)).to_string() == "2026-03-29T00:59:00Z");
    CHECK(zone.to_utc(local(2026, 3, 29, 3, 0)).to_string() == "2026-03-29T01:00:00Z");
    CHECK(zone.to_utc(local(2026, 10, 24, 12, 0)).to_string() == "2026-10-24T10:00:00Z");
    CHECK(zone.to_utc(local(2026, 10, 25, 3, 0)).to_string() == "2026-10-25T02:00:00Z");
    // 02:30 happens twice on 2026-10-25: the earlier instant (still CEST) is taken.
    CHECK(zone.to_utc(local(2026, 10, 25, 2, 30)).to_string() == "2026-10-25T00:30:00Z");
}

TEST_CASE("A reading in the spring gap is refused with the offset to add", "[time][zone]") {
    auto zone = Zone::load("Europe/Amsterdam");
    try {
        zone.to_utc(local(2026, 3, 29, 2, 30));
        FAIL("02:30 on 2026-03-29 does not exist in Amsterdam");
    } catch (const UsageError& error) {
        CHECK(std::string(error.what()).find("2026-03-29T02:30:00 does not exist in Europe/Amsterdam") !=
              std::string::npos);
        CHECK(error.hint().find("+01:00") != std::string::npos);
    }
}

TEST_CASE("UTC instants read back as local wall-clock time", "[time][zone]") {
    auto zone = Zone::load("Europe/Amsterdam");
    CHECK(zone.to_local(utc("2026-03-31T11:00Z")).to_string() == "2026-03-31T13:00:00");
    CHECK(zone.to_local(utc("2026-10-25T00:30Z")).to_string() == "2026-10-25T02:30:00");
    CHECK(zone.to_local(utc("2026-10-25T01:30Z")).to_string() == "2026-10-25T02:30:00");
    // "Today" differs from the UTC date in the hour before local midnight.
    CHECK(zone.date_at(utc("2026-06-30T22:30Z")).to_string() == "2026-07-01");
    CHECK(Zone::utc().date_at(utc("2026-06-30T22:30Z")).to_string() == "2026-06-30");
    auto new_york = Zone::load("America/New_York");
    CHECK(new_york.date_at(utc("2026-07-01T03:00Z")).to_string() == "2026-06-30");
}

TEST_CASE("parse_instant honours an explicit offset and reads the rest in the zone", "[time][zone]") {
    auto zone = Zone::load("Europe/Amsterdam");
    CHECK(parse_instant("2026-03-28T12:00", zone)->to_string() == "2026-03-28T11:00:00Z");
    CHECK(parse_instant("2026-03-28T12:00:30", zone)->to_string() == "2026-03-28T11:00:30Z");
    CHECK(parse_instant("2026-03-28T12:00Z", zone)->to_string() == "2026-03-28T12:00:00Z");
    CHECK(parse_instant("2026-03-28T12:00-05:00", zone)->to_string() == "2026-03-28T17:00:00Z");
    CHECK(parse_instant("2026-07-01", zone)->to_string() == "2026-06-30T22:00:00Z");
    CHECK_FALSE(parse_instant("2026-03-28T25:00", zone));
    CHECK_FALSE(parse_instant("yesterday", zone));
    CHECK_THROWS_AS(parse_instant("2026-03-29T02:15", zone), UsageError);
    CHECK(parse_instant("2026-03-29T02:15+01:00", zone)->to_string() == "2026-03-29T01:15:00Z");
}

TEST_CASE("Unknown and hostile zone names are refused with a suggestion", "[time][zone]") {
    try {
        Zone::load("Europe/Amsterdm", "gdpr.yaml settings.timezone");
        FAIL("a misspelt zone must be refused");
    } catch (const UsageError& error) {
        CHECK(error.exit_code() == 2);
        CHECK(std::string(error.what()) == "gdpr.yaml settings.timezone `Europe/Amsterdm` is not a known IANA time zone");
        CHECK(error.hint() == "did you mean `Europe/Amsterdam`?");
    }
    const char* hostile = GENERATE("../../../etc/passwd", "/etc/localtime", "Europe/../Europe/Amsterdam", "",
                                   "zone.tab", "Europe", "Europe/Amsterdam/", "tzdata.zi");
    CAPTURE(hostile);
    CHECK_THROWS_AS(Zone::load(hostile), UsageError);
}

TEST_CASE("Zone names come from the system's zone tables", "[time][zone]") {
    auto names = known_zone_names();
    CHECK(std::find(names.begin(), names.end(), "Europe/Amsterdam") != names.end());
    CHECK(std::find(names.begin(), names.end(), "UTC") != names.end());
    CHECK(Zone::load("Etc/UTC").is_utc());
}
