// The store's contract: every backend in support/store_backends.hpp must pass this suite, through
// the Store interface only. What is particular to SQLite lives in sqlite_store_test.cpp.
#include "store/store.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <stdexcept>

using namespace gdprctl;
using namespace gdprctl::store;

namespace {

time::DateTime at(int year, unsigned month, unsigned day) {
    return time::DateTime::start_of(time::Date::from_ymd(year, month, day));
}

Request request(int year, int number, const char* subject, time::Date due) {
    Request r;
    r.year = year;
    r.number = number;
    r.id = "REQ-" + std::to_string(year) + "-" + std::to_string(number);
    r.type = model::Right::erasure;
    r.subject = subject;
    r.subject_kind = "customer";
    r.received = due;
    r.due = due;
    r.channel = "e-mail";
    r.note = "a note";
    r.opened_at = at(year, 1, 1);
    r.opened_by = "tester";
    return r;
}

// A change written at `t` by the clock: these tests write their history in any order, so each
// carries a backdate reason (kept only where the change is in fact backdated).
ChangeStamp stamped(time::DateTime t) {
    return {"tester", t, t, "contract test history"};
}

// Inserts `r` with its audit event, as every command does.
void insert(Store& store, const Request& r) {
    store.write(stamped(r.opened_at), [&](StoreWriter& writer) {
        writer.insert_request(r);
        writer.append_audit({"request.open", r.id, ""});
    });
}

std::vector<std::string> ids(Store& store, const RequestFilter& filter) {
    std::vector<std::string> found;
    store.read([&](StoreReader& reader) {
        reader.for_each_request(filter, [&](const Request& r) {
            found.push_back(r.id);
            return true;
        });
    });
    return found;
}

}  // namespace

TEST_CASE("request numbers are per year and allocated inside the write", "[store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    auto add = [&](int year) {
        std::string id;
        store->write(stamped(at(2026, 5, 4)), [&](StoreWriter& writer) {
            auto r = request(year, writer.next_request_number(year), "C-1", time::Date::from_ymd(year, 2, 1));
            writer.insert_request(r);
            writer.append_audit({"request.open", r.id, ""});
            id = r.id;
        });
        return id;
    };
    CHECK(add(2026) == "REQ-2026-1");
    CHECK(add(2026) == "REQ-2026-2");
    CHECK(add(2025) == "REQ-2025-1");
}

TEST_CASE("a request and its tasks read back as written", "[store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    auto r = request(2026, 1, "C-1", time::Date::from_ymd(2026, 3, 2));
    r.type = model::Right::portability;
    insert(*store, r);
    store->write(stamped(at(2026, 2, 1)), [&](StoreWriter& writer) {
        writer.insert_task({r.id, TaskKind::notify, "mailer", "crm,web", std::nullopt, "", ""});
        writer.insert_task({r.id, TaskKind::system, "crm", "", std::nullopt, "", ""});
        auto changed = *writer.find_request(r.id);
        changed.status = RequestStatus::closed;
        changed.outcome = Outcome::partial;
        changed.extended_on = time::Date::from_ymd(2026, 2, 1);
        changed.closed_at = at(2026, 2, 1);
        writer.update_request(changed);
        writer.update_task({r.id, TaskKind::system, "crm", "", at(2026, 2, 1), "officer", "removed"});
        writer.append_audit({"request.close", r.id, ""});
    });
    store->read([&](StoreReader& reader) {
        const auto back = reader.find_request(r.id);
        REQUIRE(back);
        CHECK(back->type == model::Right::portability);
        CHECK(back->subject == std::optional<std::string>("C-1"));
        CHECK(back->due == time::Date::from_ymd(2026, 3, 2));
        CHECK(back->status == RequestStatus::closed);
        CHECK(back->outcome == Outcome::partial);
        CHECK(back->extended_on == time::Date::from_ymd(2026, 2, 1));
        CHECK_FALSE(back->subject_informed_on);
        CHECK(back->closed_at == at(2026, 2, 1));
        CHECK_FALSE(reader.find_request("REQ-2026-9"));

        const auto tasks = reader.tasks_of(r.id);
        REQUIRE(tasks.size() == 2);
        CHECK(tasks[0].kind == TaskKind::system);  // systems first, then notifications
        CHECK(tasks[0].done());
        CHECK(tasks[0].done_by == "officer");
        CHECK(tasks[0].note == "removed");
        CHECK(tasks[1].target == "mailer");
        CHECK(tasks[1].via == "crm,web");
        CHECK_FALSE(tasks[1].done());
    });
    SECTION("updating what is not there is a programming error") {
        CHECK_THROWS_AS(store->write(stamped(at(2026, 2, 2)),
                                     [&](StoreWriter& writer) {
                                         writer.append_audit({"test", "x", ""});
                                         writer.update_request(request(2026, 9, "C-9", r.due));
                                     }),
                        std::logic_error);
    }
}

TEST_CASE("requests are listed by status and due date, in due order", "[store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    insert(*store, request(2026, 1, "C-1", time::Date::from_ymd(2026, 3, 10)));
    insert(*store, request(2026, 2, "C-2", time::Date::from_ymd(2026, 3, 1)));
    auto closed = request(2026, 3, "C-3", time::Date::from_ymd(2026, 2, 1));
    closed.status = RequestStatus::closed;
    insert(*store, closed);

    using V = std::vector<std::string>;
    CHECK(ids(*store, {}) == V{"REQ-2026-3", "REQ-2026-2", "REQ-2026-1"});
    CHECK(ids(*store, {RequestStatus::open, {}, {}}) == V{"REQ-2026-2", "REQ-2026-1"});
    CHECK(ids(*store, {RequestStatus::closed, {}, {}}) == V{"REQ-2026-3"});
    // Due bounds are inclusive and imply open requests.
    CHECK(ids(*store, {{}, time::Date::from_ymd(2026, 2, 1), time::Date::from_ymd(2026, 3, 1)}) == V{"REQ-2026-2"});
    CHECK(ids(*store, {{}, std::nullopt, time::Date::from_ymd(2026, 3, 10)}) == V{"REQ-2026-2", "REQ-2026-1"});

    int visited = 0;
    store->read([&](StoreReader& reader) {
        reader.for_each_request({}, [&](const Request&) { return ++visited < 2; });
    });
    CHECK(visited == 2);
}

TEST_CASE("erasing a subject keeps the rows and removes the identifier and free text", "[store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto r = request(2026, 1, "jane", time::Date::from_ymd(2026, 3, 1));
    insert(*store, r);
    insert(*store, request(2026, 2, "john", time::Date::from_ymd(2026, 3, 1)));
    store->write(stamped(at(2026, 2, 1)), [&](StoreWriter& writer) {
        writer.insert_task({r.id, TaskKind::system, "crm", "", at(2026, 2, 1), "officer", "jane's row removed"});
        writer.append_audit({"request.task", r.id, ""});
    });
    ErasureCounts counts;
    store->write(stamped(at(2026, 2, 2)), [&](StoreWriter& writer) {
        counts = writer.erase_subject("jane", at(2026, 2, 2));
        writer.append_audit({"subject.erase", r.id, ""});
    });
    CHECK(counts.request_ids == std::vector<std::string>{r.id});
    CHECK(counts.tasks_cleared == 1);
    CHECK(store->checkpoint_wal_after_erasure());  // nobody else is reading
    store->read([&](StoreReader& reader) {
        CHECK(reader.requests_of_subject("jane").empty());
        CHECK(reader.requests_of_subject("john").size() == 1);
        const auto kept = reader.find_request(r.id);
        REQUIRE(kept);
        CHECK_FALSE(kept->subject);
        CHECK(kept->note.empty());
        CHECK(kept->channel.empty());
        CHECK(kept->erased_at == at(2026, 2, 2));
        CHECK(reader.tasks_of(r.id).at(0).note.empty());
    });
}

TEST_CASE("every write appends a linked event in the same transaction", "[store][audit]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const ChangeStamp stamp = stamped(at(2026, 5, 4));
    for (int i = 0; i < 3; ++i)
        store->write(stamp, [&](StoreWriter& writer) { writer.append_audit({"test", "T-" + std::to_string(i), ""}); });
    CHECK(verify_chain(*store).ok);
    CHECK(verify_chain(*store).events_checked == 3);
    store->read([&](StoreReader& reader) {
        const auto events = reader.audit_events_for("T-1");
        REQUIRE(events.size() == 1);
        CHECK(events[0].seq == 2);
        CHECK(events[0].actor == "tester");
        CHECK(events[0].at == stamp.at);
        CHECK(reader.audit_head()->seq == 3);
    });

    SECTION("a change without an audit event rolls back") {
        const auto r = request(2026, 1, "C-1", time::Date::from_ymd(2026, 3, 1));
        CHECK_THROWS_AS(store->write(stamp, [&](StoreWriter& writer) { writer.insert_request(r); }), std::logic_error);
        store->read([&](StoreReader& reader) { CHECK_FALSE(reader.find_request(r.id)); });
    }
    SECTION("an event rolled back with its transaction leaves the chain intact") {
        CHECK_THROWS(store->write(stamp, [&](StoreWriter& writer) {
            writer.append_audit({"test", "T-x", ""});
            throw std::runtime_error("abort");
        }));
        CHECK(verify_chain(*store).events_checked == 3);
        CHECK(verify_chain(*store).ok);
    }
    SECTION("a write that changes nothing needs no event") {
        store->write(stamp, [&](StoreWriter& writer) { CHECK_FALSE(writer.find_request("REQ-2026-1")); });
        CHECK(verify_chain(*store).events_checked == 3);
    }
    SECTION("events since a time") {
        store->write(stamped(at(2026, 6, 1)), [&](StoreWriter& writer) { writer.append_audit({"test", "late", ""}); });
        std::vector<std::string> targets;
        store->read([&](StoreReader& reader) {
            reader.for_each_audit_event(at(2026, 5, 5), [&](const AuditEvent& event) {
                targets.push_back(event.target);
                return true;
            });
        });
        CHECK(targets == std::vector<std::string>{"late"});
    }
}

TEST_CASE("the backend is chosen from the --db value", "[store]") {
    SECTION("a PostgreSQL URI opens a database of the server, and creates no file") {
        test::TempDir dir;
        test::PgScratchDatabase database;
        const auto cwd = std::filesystem::current_path();
        std::filesystem::current_path(dir.path());
        std::string uri = database.uri();
        auto store = open_store(uri);
        // postgres:// is libpq's other spelling of the scheme.
        auto again = open_store("postgres" + uri.substr(std::string("postgresql").size()));
        const bool created = !std::filesystem::is_empty(dir.path());
        std::filesystem::current_path(cwd);
        CHECK(store != nullptr);
        CHECK(again != nullptr);
        CHECK_FALSE(created);
    }
    SECTION("any other value is a SQLite file") {
        test::TempDir dir;
        const auto path = dir.path() / "my.db";
        CHECK(open_store(path.string()) != nullptr);
        CHECK(std::filesystem::exists(path));
    }
}

TEST_CASE("changes are dated no earlier than the trail allows without a backdate", "[store][audit][time]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto now = at(2026, 5, 4);
    auto append = [&](ChangeStamp stamp, const char* target) {
        store->write(stamp, [&](StoreWriter& writer) { writer.append_audit({"test", target, ""}); });
    };
    append({"tester", now, now, ""}, "T-1");

    SECTION("before the newest event: refused without a reason, recorded with one") {
        const auto earlier = at(2026, 5, 3);
        CHECK_THROWS_AS(append({"tester", earlier, now, ""}, "T-2"), Refusal);
        CHECK_THROWS_AS(append({"tester", earlier, now, "x"}, "T-2"), UsageError);
        CHECK(verify_chain(*store).events_checked == 1);
        append({"tester", earlier, now, "entered from the paper log"}, "T-2");
        store->read([&](StoreReader& reader) {
            const auto event = reader.audit_events_for("T-2").at(0);
            CHECK(event.at == earlier);
            CHECK(event.recorded_at == now);
            CHECK(event.backdate_reason == "entered from the paper log");
        });
        CHECK(verify_chain(*store).ok);
    }
    SECTION("more than a day before the real time needs a reason too") {
        const auto later_clock = at(2026, 5, 10);
        CHECK_THROWS_AS(append({"tester", at(2026, 5, 8), later_clock, ""}, "T-2"), Refusal);
        append({"tester", at(2026, 5, 9), later_clock, ""}, "T-2");  // within the day: no reason needed
    }
    SECTION("a reason given when none is needed is not recorded") {
        append({"tester", now, now, "not needed here"}, "T-2");
        store->read([&](StoreReader& reader) { CHECK(reader.audit_events_for("T-2").at(0).backdate_reason.empty()); });
    }
    SECTION("dated after the real time") {
        CHECK_THROWS_AS(append({"tester", at(2026, 5, 6), now, ""}, "T-2"), Refusal);
    }
    SECTION("recorded time going backwards is reported by verify") {
        append({"tester", now, at(2026, 5, 3) , "the clock was set back"}, "T-2");
        const auto result = verify_chain(*store);
        CHECK_FALSE(result.ok);
        REQUIRE(result.time_problems.size() == 1);
        CHECK(result.time_problems[0].find("event 2") != std::string::npos);
    }
}
