#include "register/workspace.hpp"

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
