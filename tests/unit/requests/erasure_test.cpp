#include "requests/requests.hpp"
#include "store/audit.hpp"

#include "errors.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

using namespace gdprctl;

namespace {
requests::EraseOptions forced(const char* reason) {
    requests::EraseOptions options;
    options.force = true;
    options.reason = reason;
    return options;
}
}  // namespace

TEST_CASE("erasing a subject keeps a pseudonymous record and no identifier", "[requests][erasure]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    model::Register reg;
    model::System crm;
    crm.id = "crm";
    crm.subjects = {"customer"};
    reg.systems.push_back(crm);
    const auto at = time::DateTime::start_of(time::Date::from_ymd(2026, 6, 1));
    const store::ChangeStamp stamp{"officer", at, at, ""};

    requests::OpenOptions options;
    options.type = "erasure";
    options.subject = "jane@example.test";
    options.channel = "e-mail from jane@example.test";
    options.note = "Jane asked twice";
    const auto id = requests::open_request(*store, reg, options, stamp).request.id;
    requests::complete_task(*store, id, "crm", "removed jane@example.test", stamp);
    options.subject = "someone-else";
    requests::open_request(*store, reg, options, stamp);

    // The erasure request itself is still open: refused unless forced, with a reason.
    CHECK_THROWS_AS(requests::erase_subject(*store, "jane@example.test", {}, stamp), Refusal);
    CHECK_THROWS_AS(requests::erase_subject(*store, "jane@example.test", forced("x"), stamp), UsageError);
    const auto report =
        requests::erase_subject(*store, "jane@example.test", forced("closing the account on request"), stamp);
    CHECK(report.request_ids == std::vector<std::string>{id});
    CHECK(report.task_notes_cleared == 1);
    CHECK(report.purge.complete);

    const auto kept = requests::show_request(*store, id);
    CHECK_FALSE(kept.request.subject.has_value());
    CHECK(kept.request.channel.empty());
    CHECK(kept.request.note.empty());
    CHECK(kept.request.erased_at.has_value());
    CHECK(kept.request.type == model::Right::erasure);
    REQUIRE(kept.tasks.size() == 1);
    CHECK(kept.tasks[0].done());
    CHECK(kept.tasks[0].note.empty());

    CHECK(requests::show_subject(*store, "jane@example.test").requests.empty());
    CHECK(requests::show_subject(*store, "someone-else").requests.size() == 1);

    bool identifier_in_audit = false;
    store::for_each_audit_event(*store, std::nullopt, [&](const store::AuditEvent& event) {
        const std::string all = event.actor + event.action + event.target + event.details;
        if (all.find("jane") != std::string::npos) identifier_in_audit = true;
    });
    CHECK_FALSE(identifier_in_audit);
    CHECK(store::verify_chain(*store).ok);

    SECTION("erasing again finds nothing and changes nothing") {
        const auto again = requests::erase_subject(*store, "jane@example.test", {}, stamp);
        CHECK(again.request_ids.empty());
        // open, task, open, the forced erasure and the request's erasure event
        CHECK(store::verify_chain(*store).events_checked == 5);
    }
}
