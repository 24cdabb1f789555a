// The store's contract: every backend in support/store_backends.hpp must pass this suite, through
// the Store interface only. What is particular to SQLite lives in sqlite_store_test.cpp.
#include "store/store.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <map>
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
    CHECK(store->purge_after_erasure().complete);  // nobody else is reading
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

namespace {

// The sweep's cut for records dated on or before `last_day` (UTC days), judged at `as_of`.
RetentionCut cut_through(RetentionKind kind, time::Date last_day, time::DateTime as_of) {
    return {kind, time::DateTime::start_of(last_day.plus_days(1)), as_of};
}

}  // namespace

TEST_CASE("the retention sweep deletes closed requests through a day, never reusing their numbers", "[store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    auto closed = [&](int number, time::DateTime when) {
        auto r = request(2026, number, "jane", time::Date::from_ymd(2026, 3, 1));
        insert(*store, r);
        r.status = RequestStatus::closed;
        r.outcome = Outcome::fulfilled;
        r.closed_at = when;
        store->write(stamped(when), [&](StoreWriter& writer) {
            writer.insert_task({r.id, TaskKind::system, "crm", "", when, "officer", "done"});
            writer.update_request(r);
            writer.append_audit({"request.close", r.id, ""});
        });
    };
    const auto last_day = time::Date::from_ymd(2026, 3, 1);
    closed(1, time::DateTime{at(2026, 3, 2).time_point() - std::chrono::seconds{1}});  // the last second: deleted
    closed(2, at(2026, 3, 2));  // the day after: kept
    insert(*store, request(2026, 3, "john", time::Date::from_ymd(2026, 3, 1)));  // open: kept
    store->read([&](StoreReader& reader) {
        const auto counts = reader.past_retention(cut_through(RetentionKind::requests, last_day, at(2026, 6, 1)));
        CHECK(counts.records == 1);
        CHECK(counts.dependents == 1);
        // Judged at a moment before the closing, nothing is past: the sweep never runs ahead of its facts.
        CHECK(reader.past_retention({RetentionKind::requests, at(2026, 3, 2), at(2026, 2, 1)}).records == 0);
    });
    RetentionCounts deleted;
    store->write(stamped(at(2026, 6, 1)), [&](StoreWriter& writer) {
        deleted = writer.delete_past_retention(cut_through(RetentionKind::requests, last_day, at(2026, 6, 1)));
        writer.append_audit({std::string(retention_sweep_action), "store", "requests_deleted=1"});
    });
    CHECK(deleted.records == 1);
    CHECK(deleted.dependents == 1);
    CHECK(store->purge_after_erasure().complete);
    store->read([&](StoreReader& reader) {
        CHECK_FALSE(reader.find_request("REQ-2026-1"));
        CHECK(reader.tasks_of("REQ-2026-1").empty());
        CHECK(reader.find_request("REQ-2026-2"));
        CHECK(reader.find_request("REQ-2026-3"));
        CHECK(reader.past_retention(cut_through(RetentionKind::requests, last_day, at(2026, 6, 1))).records == 0);
    });
    // The history above is written out of time order, so only the links are of interest here.
    CHECK(verify_chain(*store).problem == "");
    // The highest number of 2026 is deleted next: the next request still numbers after it.
    store->write(stamped(at(2026, 6, 2)), [&](StoreWriter& writer) {
        writer.delete_past_retention(
            cut_through(RetentionKind::requests, time::Date::from_ymd(2026, 3, 2), at(2026, 6, 2)));
        writer.append_audit({std::string(retention_sweep_action), "store", "requests_deleted=1"});
    });
    store->write(stamped(at(2026, 6, 3)), [&](StoreWriter& writer) {
        CHECK(writer.next_request_number(2026) == 4);
        writer.append_audit({"test", "-", ""});
    });
}

namespace {

ConsentEvent consent_event(const char* subject, const char* purpose, ConsentAction action, time::DateTime when) {
    ConsentEvent e;
    if (subject) e.subject = subject;
    e.purpose = purpose;
    e.action = action;
    e.at = when;
    e.evidence = "form v3";
    e.recorded_at = when;
    e.recorded_by = "tester";
    return e;
}

}  // namespace

TEST_CASE("the retention sweep deletes withdrawn consents whose withdrawal is past, whole", "[store][consent]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    std::map<std::string, std::int64_t> id;
    store->write(stamped(at(2020, 6, 1)), [&](StoreWriter& writer) {
        // ann: given, withdrawn on the last day, its task done: deleted whole.
        id["ann given"] = writer.insert_consent_event(consent_event("ann", "crm/news", ConsentAction::given, at(2019, 1, 1)));
        id["ann withdrawn"] = writer.insert_consent_event(
            consent_event("ann", "crm/news", ConsentAction::withdrawn,
                          time::DateTime{at(2020, 3, 2).time_point() - std::chrono::seconds{1}}));
        writer.insert_consent_task({id["ann withdrawn"], TaskKind::system, "crm", at(2020, 3, 5), "officer"});
        // ann's other purpose is still given: kept.
        id["ann other"] = writer.insert_consent_event(consent_event("ann", "web/ads", ConsentAction::given, at(2019, 1, 1)));
        // bob: withdrawn the day after the last day: kept.
        id["bob given"] = writer.insert_consent_event(consent_event("bob", "crm/news", ConsentAction::given, at(2019, 1, 1)));
        id["bob withdrawn"] =
            writer.insert_consent_event(consent_event("bob", "crm/news", ConsentAction::withdrawn, at(2020, 3, 2)));
        // cem: withdrawn long ago but given again since: a live consent, kept with its history.
        id["cem given"] = writer.insert_consent_event(consent_event("cem", "crm/news", ConsentAction::given, at(2018, 1, 1)));
        id["cem withdrawn"] =
            writer.insert_consent_event(consent_event("cem", "crm/news", ConsentAction::withdrawn, at(2018, 2, 1)));
        id["cem again"] = writer.insert_consent_event(consent_event("cem", "crm/news", ConsentAction::given, at(2019, 2, 1)));
        // dan: withdrawn long ago, but the recipient was never told: kept until the task is done.
        id["dan withdrawn"] =
            writer.insert_consent_event(consent_event("dan", "crm/news", ConsentAction::withdrawn, at(2018, 2, 1)));
        writer.insert_consent_task({id["dan withdrawn"], TaskKind::notify, "mailer", std::nullopt, ""});
        // A proof of withdrawal kept by `subject erase` (no subject), old: deleted.
        id["proof"] = writer.insert_consent_event(consent_event(nullptr, "crm/news", ConsentAction::withdrawn, at(2018, 5, 1)));
        writer.append_audit({"consent.record", "test", ""});
    });
    const auto last_day = time::Date::from_ymd(2020, 3, 1);
    const auto cut = cut_through(RetentionKind::consents, last_day, at(2025, 6, 1));
    store->read([&](StoreReader& reader) {
        const auto counts = reader.past_retention(cut);
        CHECK(counts.records == 3);     // ann's two events, the kept proof
        CHECK(counts.dependents == 1);  // ann's task
        // Judged before ann's task was done, ann's withdrawal was still being carried out.
        CHECK(reader.past_retention(cut_through(RetentionKind::consents, last_day, at(2020, 3, 4))).records == 1);
    });
    RetentionCounts deleted;
    store->write(stamped(at(2025, 6, 1)), [&](StoreWriter& writer) {
        deleted = writer.delete_past_retention(cut);
        writer.append_audit({std::string(retention_sweep_action), "store", "consents_deleted=3"});
    });
    CHECK(deleted.records == 3);
    CHECK(deleted.dependents == 1);
    store->read([&](StoreReader& reader) {
        CHECK_FALSE(reader.find_consent_event(id["ann given"]));
        CHECK_FALSE(reader.find_consent_event(id["ann withdrawn"]));
        CHECK_FALSE(reader.find_consent_event(id["proof"]));
        for (const char* kept : {"ann other", "bob given", "bob withdrawn", "cem given", "cem withdrawn", "cem again",
                                 "dan withdrawn"})
            CHECK(reader.find_consent_event(id[kept]));
        std::vector<std::int64_t> tasks;
        reader.for_each_consent_task(false, [&](const ConsentTask& task) {
            tasks.push_back(task.event_id);
            return true;
        });
        CHECK(tasks == std::vector<std::int64_t>{id["dan withdrawn"]});
        CHECK(reader.past_retention(cut).records == 0);
    });
    CHECK(verify_chain(*store).problem == "");
    // The highest id (the proof) was deleted: the next event still numbers after it.
    store->write(stamped(at(2025, 6, 2)), [&](StoreWriter& writer) {
        CHECK(writer.insert_consent_event(consent_event("eve", "crm/news", ConsentAction::given, at(2025, 6, 2))) ==
              id["proof"] + 1);
        CHECK(writer.insert_consent_event(consent_event("eve", "web/ads", ConsentAction::given, at(2025, 6, 2))) ==
              id["proof"] + 2);
        writer.append_audit({"consent.record", "test", ""});
    });
}

TEST_CASE("audit verify takes a subject erase of consent events for no missing request", "[store][audit]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    std::int64_t kept = 0;
    store->write(stamped(at(2026, 1, 1)), [&](StoreWriter& writer) {
        writer.insert_consent_event(consent_event("ann", "crm/news", ConsentAction::given, at(2026, 1, 1)));
        kept = writer.insert_consent_event(consent_event("ann", "crm/news", ConsentAction::withdrawn, at(2026, 1, 1)));
        writer.append_audit({"consent.record", "test", ""});
    });
    // As `subject erase` writes it for a person with consents and no requests.
    store->write(stamped(at(2026, 2, 1)), [&](StoreWriter& writer) {
        writer.erase_consent_subject("ann", true, at(2026, 2, 1));
        writer.append_audit({"subject.erase", "consent", "1 consent event(s) removed"});
        writer.append_audit({"subject.erase", "CON-" + std::to_string(kept), "proof of withdrawal kept"});
    });
    CHECK(verify_chain(*store).problem == "");
}

TEST_CASE("the retention sweep deletes closed breaches with their notifications", "[store][breach]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    auto breach = [&](int number, std::optional<time::DateTime> closed) {
        Breach b;
        b.year = 2020;
        b.number = number;
        b.id = "BR-2020-" + std::to_string(number);
        b.summary = "lost laptop";
        b.aware_at = at(2020, 1, 1);
        b.deadline = at(2020, 1, 4);
        b.opened_at = at(2020, 1, 1);
        b.opened_by = "tester";
        if (closed) {
            b.status = BreachStatus::closed;
            b.closed_at = closed;
        }
        store->write(stamped(at(2020, 1, 1)), [&](StoreWriter& writer) {
            writer.insert_breach(b);
            BreachNotification n;
            n.breach_id = b.id;
            n.seq = 1;
            n.at = at(2020, 1, 2);
            n.recorded_at = at(2020, 1, 2);
            n.recorded_by = "tester";
            writer.insert_breach_notification(n);
            writer.append_audit({"breach.open", b.id, ""});
        });
    };
    breach(1, std::nullopt);                                                            // open: kept
    breach(2, time::DateTime{at(2020, 3, 2).time_point() - std::chrono::seconds{1}});   // the last second: deleted
    breach(3, at(2020, 3, 2));                                                          // the day after: kept
    breach(4, at(2020, 2, 1));                                                          // the highest: deleted
    const auto cut = cut_through(RetentionKind::breaches, time::Date::from_ymd(2020, 3, 1), at(2025, 6, 1));
    store->read([&](StoreReader& reader) {
        const auto counts = reader.past_retention(cut);
        CHECK(counts.records == 2);
        CHECK(counts.dependents == 2);
    });
    RetentionCounts deleted;
    store->write(stamped(at(2025, 6, 1)), [&](StoreWriter& writer) {
        deleted = writer.delete_past_retention(cut);
        writer.append_audit({std::string(retention_sweep_action), "store", "breaches_deleted=2"});
    });
    CHECK(deleted.records == 2);
    CHECK(deleted.dependents == 2);
    store->read([&](StoreReader& reader) {
        CHECK(reader.find_breach("BR-2020-1"));
        CHECK_FALSE(reader.find_breach("BR-2020-2"));
        CHECK(reader.notifications_of("BR-2020-2").empty());
        CHECK(reader.find_breach("BR-2020-3"));
        CHECK(reader.notifications_of("BR-2020-3").size() == 1);
        CHECK_FALSE(reader.find_breach("BR-2020-4"));
    });
    CHECK(verify_chain(*store).problem == "");
    store->write(stamped(at(2025, 6, 2)), [&](StoreWriter& writer) {
        CHECK(writer.next_breach_number(2020) == 5);
        writer.append_audit({"test", "-", ""});
    });
}

TEST_CASE("audit verify catches a request deleted outside a retention sweep", "[store][audit]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    insert(*store, request(2026, 1, "jane", time::Date::from_ymd(2026, 3, 1)));
    // A sweep event claiming a deletion that did not happen does not cover a missing request either.
    store->write(stamped(at(2026, 6, 1)), [&](StoreWriter& writer) {
        writer.append_audit({std::string(retention_sweep_action), "store", "requests_deleted=2"});
    });
    const auto result = verify_chain(*store);
    CHECK_FALSE(result.ok);
    CHECK_THAT(result.problem, Catch::Contains("retention sweeps deleted 2"));
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
    SECTION("a libpq keyword/value string opens the same database, and creates no file") {
        test::TempDir dir;
        test::PgScratchDatabase database;
        const auto cwd = std::filesystem::current_path();
        std::filesystem::current_path(dir.path());
        auto store = open_store("host=" GDPRCTL_TEST_PG_HOST " user=gdprctl dbname=" + database.name());
        store->write(stamped(at(2026, 1, 1)), [](StoreWriter& writer) {
            writer.append_audit({"test.event", "store", ""});
        });
        const bool created = !std::filesystem::is_empty(dir.path());
        std::filesystem::current_path(cwd);
        CHECK_FALSE(created);
        std::optional<AuditHead> head;
        open_store(database.uri())->read([&](StoreReader& reader) { head = reader.audit_head(); });
        REQUIRE(head);
        CHECK(head->seq == 1);
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
