#include "register/workspace.hpp"

#include "errors.hpp"
#include "support/temp_workspace.hpp"

#include <catch2/catch.hpp>

using namespace gdprctl;

TEST_CASE("the store of a workspace comes from settings.store, else the default file", "[register][store]") {
    testing::TempWorkspace ws;
    SECTION("no setting: .gdprctl/state.db") {
        ws.write("gdpr.yaml", testing::minimal_gdpr_yaml);
        CHECK(reg::configured_store_location(ws.root()) == (ws.root() / ".gdprctl" / "state.db").string());
    }
    SECTION("a file path, relative to the workspace") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  store: data/team.db\n");
        CHECK(reg::configured_store_location(ws.root()) == (ws.root() / "data" / "team.db").string());
    }
    SECTION("an absolute path as written") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  store: /srv/gdpr/state.db\n");
        CHECK(reg::configured_store_location(ws.root()) == "/srv/gdpr/state.db");
    }
    SECTION("a PostgreSQL URI as written") {
        ws.write("gdpr.yaml",
                 std::string(testing::minimal_gdpr_yaml) + "settings:\n  store: postgresql://db.example/gdpr\n");
        CHECK(reg::configured_store_location(ws.root()) == "postgresql://db.example/gdpr");
    }
}

TEST_CASE("the zone of a workspace is settings.timezone, read from gdpr.yaml alone", "[register][time]") {
    testing::TempWorkspace ws;
    // 23:30 UTC on 9 February: already the 10th in Amsterdam, still the 9th in the Azores (UTC-1).
    const auto late = *time::parse_datetime("2026-02-09T23:30:00Z");
    SECTION("unset: UTC") {
        ws.write("gdpr.yaml", testing::minimal_gdpr_yaml);
        CHECK(reg::workspace_zone(ws.root()).is_utc());
        CHECK(reg::workspace_today(ws.root(), late).to_string() == "2026-02-09");
    }
    SECTION("a zone east of UTC is a day ahead late in the evening") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  timezone: Europe/Amsterdam\n");
        CHECK(reg::workspace_zone(ws.root()).name() == "Europe/Amsterdam");
        CHECK(reg::workspace_today(ws.root(), late).to_string() == "2026-02-10");
    }
    SECTION("a zone west of UTC is a day behind just after midnight UTC") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  timezone: Atlantic/Azores\n");
        CHECK(reg::workspace_today(ws.root(), *time::parse_datetime("2026-02-10T00:30:00Z")).to_string() ==
              "2026-02-09");
    }
    SECTION("an unknown name is a usage error at its line and column, with a suggestion") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  timezone: Europe/Amsterdm\n");
        try {
            reg::workspace_zone(ws.root());
            FAIL("an unknown zone was accepted");
        } catch (const UsageError& error) {
            CHECK_THAT(error.what(), Catch::Contains("gdpr.yaml:8:13: settings.timezone `Europe/Amsterdm` is not a "
                                                     "known IANA time zone"));
            CHECK_THAT(error.hint(), Catch::Contains("Europe/Amsterdam"));
        }
    }
    SECTION("a value that is not text is the loader's finding; here it reads as UTC") {
        ws.write("gdpr.yaml", std::string(testing::minimal_gdpr_yaml) + "settings:\n  timezone: [Europe/Amsterdam]\n");
        CHECK(reg::workspace_zone(ws.root()).is_utc());
    }
}
