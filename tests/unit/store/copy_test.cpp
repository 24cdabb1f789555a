// `store copy` between every pair of backends: every row arrives as it was, the audit chain (keyed
// too) verifies on both sides, and a refused copy changes nothing.
#include "store/copy.hpp"

#include "errors.hpp"
#include "store/audit.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>

using namespace gdprctl;
using namespace gdprctl::store;

namespace {

time::DateTime at(int year, unsigned month, unsigned day) {
    return time::DateTime::start_of(time::Date::from_ymd(year, month, day));
}

ChangeStamp stamped(time::DateTime t) { return {"tester", t, t, "copy test history"}; }

// A store with a row in every table: requests with tasks (one erased), consent events with a
// propagation task, a breach with a notification, a request number retired by the retention sweep,
// and the audit events of all of it.
void fill(Store& store) {
    Request r;
    r.year = 2026;
    r.number = 1;
    r.id = "REQ-2026-0001";
    r.type = model::Right::erasure;
    r.subject = "jane@example.org";
    r.subject_kind = "customer";
    r.received = time::Date::from_ymd(2026, 3, 2);
    r.due = time::Date::from_ymd(2026, 4, 2);
    r.channel = "e-mail";
    r.note = "a note with 'quotes', \"double\" and a tab\there";
    r.opened_at = at(2026, 3, 2);
    r.opened_by = "tester";
    Request kept = r;
    kept.number = 2;
    kept.id = "REQ-2026-0002";
    kept.subject = "john@example.org";
    kept.type = model::Right::access;
    store.write(stamped(at(2026, 3, 2)), [&](StoreWriter& writer) {
        writer.insert_request(r);
        writer.insert_task({r.id, TaskKind::system, "crm", "", std::nullopt, "", "", TaskResolution::act, ""});
        writer.insert_task({r.id, TaskKind::notify, "mailer", "crm", std::nullopt, "", "", TaskResolution::act, ""});
        writer.append_audit({"request.open", r.id, "erasure"});
    });
    store.write(stamped(at(2026, 3, 3)), [&](StoreWriter& writer) {
        writer.insert_request(kept);
        writer.append_audit({"request.open", kept.id, "access"});
    });
    store.write(stamped(at(2026, 3, 4)), [&](StoreWriter& writer) {
        ConsentEvent given;
        given.subject = "jane@example.org";
        given.purpose = "crm/newsletter";
        given.at = at(2026, 1, 5);
        given.evidence = "ticked the box";
        given.recorded_at = at(2026, 3, 4);
        given.recorded_by = "tester";
        writer.insert_consent_event(given);
        ConsentEvent withdrawn = given;
        withdrawn.action = ConsentAction::withdrawn;
        withdrawn.at = at(2026, 3, 1);
        const auto id = writer.insert_consent_event(withdrawn);
        writer.insert_consent_task({id, TaskKind::system, "crm", std::nullopt, ""});
        writer.append_audit({"consent.withdraw", "CON-2", "crm/newsletter"});
    });
    store.write(stamped(at(2026, 3, 5)), [&](StoreWriter& writer) {
        Breach b;
        b.id = "BR-2026-0001";
        b.year = 2026;
        b.number = 1;
        b.summary = "laptop lost";
        b.aware_at = at(2026, 3, 5);
        b.deadline = at(2026, 3, 8);
        b.nature = {"confidentiality"};
        b.subjects_approx = 120;
        b.opened_at = at(2026, 3, 5);
        b.opened_by = "tester";
        writer.insert_breach(b);
        writer.insert_breach_notification({b.id, 1, NotificationAudience::authority, NotificationPhase::initial,
                                           at(2026, 3, 6), "AP-123", "", at(2026, 3, 6), "tester", ""});
        writer.append_audit({"breach.open", b.id, ""});
    });
    store.write(stamped(at(2026, 3, 6)), [&](StoreWriter& writer) {
        writer.erase_subject("jane@example.org", at(2026, 3, 6));
        writer.append_audit({"subject.erase", r.id, "identifier and free text erased"});
    });
    // A closed request swept past its retention: its number stays taken (retired_numbers).
    Request old = kept;
    old.number = 3;
    old.id = "REQ-2026-0003";
    old.subject = "old@example.org";
    old.status = RequestStatus::closed;
    old.outcome = Outcome::fulfilled;
    old.closed_at = at(2026, 3, 6);
    store.write(stamped(at(2026, 3, 6)), [&](StoreWriter& writer) {
        writer.insert_request(old);
        writer.append_audit({"request.open", old.id, "access"});
    });
    store.write(stamped(at(2026, 3, 7)), [&](StoreWriter& writer) {
        CHECK(writer.delete_past_retention({RetentionKind::requests, at(2026, 3, 7), at(2026, 3, 7)}).records == 1);
        writer.append_audit({std::string(retention_sweep_action), "store", "requests_deleted=1"});
    });
}

// Every row of every copied table, columns in name order, as one line each: what both sides of a
// copy must agree on.
std::vector<std::string> dump(Store& store) {
    std::vector<std::string> lines;
    store.read_rows([&](StoreReader&, RowSource& rows) {
        for (const auto table : copied_tables()) {
            auto columns = rows.columns_of(table);
            std::sort(columns.begin(), columns.end());
            rows.for_each_row(table, columns, [&](const Row& row) {
                std::string line(table);
                for (std::size_t i = 0; i < row.size(); ++i) {
                    line += "|" + columns[i] + "=";
                    if (const auto* number = std::get_if<std::int64_t>(&row[i]))
                        line += "int:" + std::to_string(*number);
                    else if (const auto* text = std::get_if<std::string>(&row[i]))
                        line += "text:" + *text;
                    else
                        line += "null";
                }
                lines.push_back(line);
            });
        }
    });
    return lines;
}

std::size_t count_table(const std::vector<std::string>& lines, std::string_view table) {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.rfind(std::string(table) + "|", 0) == 0;
    }));
}

}  // namespace

TEST_CASE("the copied tables are exactly the store's tables, on every backend", "[store][copy]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    std::vector<std::string> names;
    store->read_rows([&](StoreReader&, RowSource& rows) { names = rows.table_names(); });
    std::vector<std::string> copied(copied_tables().begin(), copied_tables().end());
    std::sort(copied.begin(), copied.end());
    CHECK(names == copied);
}

TEST_CASE("a copy moves every row and the audit chain verbatim, between every pair of backends", "[store][copy]") {
    const auto from_backend = GDPRCTL_EACH_STORE_BACKEND();
    const auto to_backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir from_dir;
    test::TempDir to_dir;
    auto from = from_backend.open(from_dir.path());
    auto to = to_backend.open(to_dir.path());
    fill(*from);
    const auto before = dump(*from);
    REQUIRE(count_table(before, "requests") == 2);
    REQUIRE(count_table(before, "tasks") == 2);
    REQUIRE(count_table(before, "consent_events") == 2);
    REQUIRE(count_table(before, "consent_tasks") == 1);
    REQUIRE(count_table(before, "breaches") == 1);
    REQUIRE(count_table(before, "breach_notifications") == 1);
    REQUIRE(count_table(before, "retired_numbers") == 1);
    REQUIRE(count_table(before, "audit_events") == 7);
    for (const auto table : copied_tables()) {
        CAPTURE(table);
        CHECK(count_table(before, table) > 0);  // a row in every table, or the copy of one is not shown
    }

    const auto report = copy_store(*from, *to, {});
    CHECK(report.source.ok);
    CHECK(report.destination.ok);
    CHECK(report.destination.events_checked == 7);
    CHECK(report.destination.records_checked == 2);
    REQUIRE(report.destination.head);
    CHECK(format_head(*report.destination.head) == format_head(*read_audit_head(*from)));
    CHECK(dump(*to) == before);
    CHECK(dump(*from) == before);  // the source is only read
    CHECK(verify_chain(*to).ok);

    // The destination goes on where the source stopped: the next consent id follows the copied
    // ones (a PostgreSQL identity sequence is moved past them), the next request number the retired
    // one, the chain grows from its head.
    std::int64_t next = 0;
    int next_request = 0;
    to->write(stamped(at(2026, 3, 7)), [&](StoreWriter& writer) {
        next_request = writer.next_request_number(2026);
        ConsentEvent event;
        event.subject = "kim@example.org";
        event.purpose = "crm/newsletter";
        event.at = at(2026, 3, 7);
        event.recorded_at = at(2026, 3, 7);
        event.recorded_by = "tester";
        next = writer.insert_consent_event(event);
        writer.append_audit({"consent.record", "CON-" + std::to_string(next), ""});
    });
    CHECK(next == 3);
    CHECK(next_request == 4);
    const auto grown = verify_chain(*to);
    CHECK(grown.ok);
    CHECK(grown.events_checked == 8);
}

TEST_CASE("a keyed audit chain is copied as it is and verifies with its key", "[store][copy]") {
    const auto from_backend = GDPRCTL_EACH_STORE_BACKEND();
    const auto to_backend = GDPRCTL_EACH_STORE_BACKEND();
    const std::string key = "a key of at least sixteen bytes";
    test::TempDir from_dir;
    test::TempDir to_dir;
    std::unique_ptr<Store> from;
    if (std::string_view(from_backend.name) == "postgresql") {
        OpenOptions keyed;
        keyed.audit_key = key;
        from = std::make_unique<test::PgScratchStore>(keyed);
    } else {
        OpenOptions keyed;
        keyed.audit_key = key;
        from = open_store((from_dir.path() / "state.db").string(), keyed);
    }
    auto to = to_backend.open(to_dir.path());
    fill(*from);
    const auto report = copy_store(*from, *to, key);
    CHECK(report.destination.keyed_events == 7);
    CHECK(dump(*to) == dump(*from));
    VerifyOptions with_key;
    with_key.key = key;
    CHECK(verify_chain(*to, with_key).ok);
    CHECK_THROWS_AS(copy_store(*from, *to_backend.open(to_dir.path() / "again"), {}), EnvironmentError);
}

TEST_CASE("a copy into a store that holds a row is refused and changes nothing", "[store][copy]") {
    const auto from_backend = GDPRCTL_EACH_STORE_BACKEND();
    const auto to_backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir from_dir;
    test::TempDir to_dir;
    auto from = from_backend.open(from_dir.path());
    auto to = to_backend.open(to_dir.path());
    fill(*from);
    to->write(stamped(at(2026, 2, 1)), [&](StoreWriter& writer) { writer.append_audit({"test", "T-1", ""}); });
    const auto before = dump(*to);
    CHECK_THROWS_AS(copy_store(*from, *to, {}), Refusal);
    CHECK(dump(*to) == before);
}
