#include "store/audit.hpp"
#include "errors.hpp"
#include "store/sqlite_store.hpp"

#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <sqlite3.h>

using namespace gdprctl;
using namespace gdprctl::store;

namespace {

std::vector<AuditEvent> chain(int count) {
    std::vector<AuditEvent> events;
    std::string prev(genesis_hash);
    for (int i = 1; i <= count; ++i) {
        AuditEvent event;
        event.seq = i;
        event.at = time::DateTime::start_of(time::Date::from_ymd(2026, 1, static_cast<unsigned>(i)));
        event.actor = "tester";
        event.action = "request.open";
        event.target = "REQ-2026-000" + std::to_string(i);
        event.details = "type=access";
        event.prev_hash = prev;
        event.hash = chain_hash(event);
        prev = event.hash;
        events.push_back(event);
    }
    return events;
}

bool verify(const std::vector<AuditEvent>& events, std::optional<AuditHead> head, ChainVerifier& verifier) {
    for (const auto& event : events)
        if (!verifier.accept(event)) return false;
    return verifier.finish(head);
}

}  // namespace

TEST_CASE("SHA-256 through OpenSSL", "[store][audit]") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the canonical form keeps fields apart", "[store][audit]") {
    AuditEvent a;
    a.action = "ab";
    a.target = "c";
    AuditEvent b = a;
    b.action = "a";
    b.target = "bc";
    CHECK(canonical_content(a) != canonical_content(b));
}

TEST_CASE("the chain verifier finds the first broken link", "[store][audit]") {
    auto events = chain(4);
    const AuditHead head{4, events.back().hash};
    ChainVerifier verifier;

    SECTION("intact") {
        CHECK(verify(events, head, verifier));
        CHECK(verifier.events_checked() == 4);
    }
    SECTION("altered content") {
        events[1].details = "type=erasure";
        CHECK_FALSE(verify(events, head, verifier));
        CHECK(verifier.broken_seq() == 2);
    }
    SECTION("altered content with a recomputed hash breaks the next link") {
        events[1].details = "type=erasure";
        events[1].hash = chain_hash(events[1]);
        CHECK_FALSE(verify(events, head, verifier));
        CHECK(verifier.broken_seq() == 3);
    }
    SECTION("a removed event") {
        events.erase(events.begin() + 2);
        CHECK_FALSE(verify(events, head, verifier));
        CHECK(verifier.broken_seq() == 3);
    }
    SECTION("the newest event removed") {
        events.pop_back();
        CHECK_FALSE(verify(events, head, verifier));
        CHECK(verifier.broken_seq() == 4);
    }
}

// The contract part (every write appends a linked event) runs on every backend in store_test.cpp;
// this one edits a SQLite file behind the store's back.
TEST_CASE("tampering in a SQLite file is found", "[store][audit]") {
    test::TempDir dir;
    const auto path = dir.path() / "state.db";
    auto store = open_sqlite_store(path);
    const auto stamp_at = time::DateTime::start_of(time::Date::from_ymd(2026, 5, 4));
    const ChangeStamp stamp{"tester", stamp_at, stamp_at, ""};
    for (int i = 0; i < 3; ++i)
        store->write(stamp, [&](StoreWriter& writer) { writer.append_audit({"test", "T-" + std::to_string(i), ""}); });
    REQUIRE(verify_chain(*store).ok);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(db);
    const auto result = verify_chain(*store);
    CHECK_FALSE(result.ok);
    CHECK(result.broken_seq == 2);
}

TEST_CASE("a keyed chain cannot be recomputed without the key", "[store]") {
    using namespace gdprctl::store;
    const AuditKey key = "0123456789abcdef0123456789abcdef";
    AuditEvent event;
    event.seq = 1;
    event.prev_hash = std::string(genesis_hash);
    event.action = "request.open";
    event.target = "DSR-2026-0001";
    event.hash = chain_hash(event, key);
    CHECK(is_keyed(event));
    ChainVerifier with_key(key);
    CHECK(with_key.accept(event));
    // The same event re-hashed with plain SHA-256 after an edit is refused by a keyed verifier.
    AuditEvent forged = event;
    forged.actor = "someone-else";
    forged.hash = chain_hash(forged);
    ChainVerifier keyed(key);
    CHECK(keyed.accept(event));
    AuditEvent second = forged;
    second.seq = 2;
    second.prev_hash = event.hash;
    second.hash = chain_hash(second);
    CHECK_FALSE(keyed.accept(second));
    // Without the key a keyed chain cannot be checked at all.
    ChainVerifier no_key;
    CHECK_THROWS_AS(no_key.accept(event), gdprctl::EnvironmentError);
}

TEST_CASE("audit heads print and parse as SEQ:HASH", "[store]") {
    using namespace gdprctl::store;
    auto head = parse_head("12:abc");
    REQUIRE(head);
    CHECK(head->seq == 12);
    CHECK(format_head(*head) == "12:abc");
    CHECK_FALSE(parse_head("nonsense"));
    CHECK_FALSE(parse_head(":abc"));
}
