#include "requests/requests.hpp"

#include "errors.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

using namespace gdprctl;
using time::Date;

namespace {

Date d(const char* text) {
    return *time::parse_date(text);
}

requests::ExtendOptions extension(const char* reason, std::optional<Date> informed_on = {}, const char* via = "") {
    requests::ExtendOptions options;
    options.reason = reason;
    options.informed_on = informed_on;
    options.via = via;
    return options;
}

requests::CloseOptions closing_partial() {
    requests::CloseOptions options;
    options.outcome = "partial";
    options.reason = "the system is gone";
    options.remedies_told = true;
    return options;
}

store::ChangeStamp at(const char* date) {
    const auto instant = time::DateTime::start_of(d(date));
    return {"tester", instant, instant, ""};
}

model::Register one_system_register(std::vector<Date> holidays = {}) {
    model::Register reg;
    model::System crm;
    crm.id = "crm";
    crm.subjects = {"customer"};
    crm.recipients = {"mailer-co"};
    reg.systems.push_back(crm);
    reg.settings.holidays = std::move(holidays);
    return reg;
}

std::vector<std::string> listed(store::Store& store, const requests::ListOptions& options, const char* today) {
    std::vector<std::string> ids;
    requests::list_requests(store, requests::list_filter(options, d(today)),
                            [&](const store::Request& request) { ids.push_back(request.id); });
    return ids;
}

}  // namespace

TEST_CASE("Art. 12(3) due dates", "[requests][deadline]") {
    const time::HolidayCalendar none;
    SECTION("receipt on the 31st before a 30-day month") {
        CHECK(requests::first_due(d("2026-03-31"), none) == d("2026-04-30"));
    }
    SECTION("month-end clamp onto a Saturday") {
        CHECK(requests::first_due(d("2026-01-31"), none) == d("2026-03-02"));
    }
    SECTION("leap year") {
        CHECK(requests::first_due(d("2028-01-31"), none) == d("2028-02-29"));
    }
    SECTION("a Sunday moves to Monday") {
        CHECK(requests::first_due(d("2026-04-10"), none) == d("2026-05-11"));
    }
    SECTION("a holiday on the due date moves it, and a holiday on the next Monday too") {
        const time::HolidayCalendar holidays({d("2026-04-27"), d("2026-12-28")});
        CHECK(requests::first_due(d("2026-03-27"), holidays) == d("2026-04-28"));
        // Dec 26 2026 is a Saturday; Monday the 28th is a holiday here.
        CHECK(requests::first_due(d("2026-11-26"), holidays) == d("2026-12-29"));
    }
    SECTION("extension: the earlier of three months from receipt and two months after the first") {
        CHECK(requests::extended_due(d("2026-01-31"), none) == d("2026-04-28"));
        CHECK(requests::extended_due(d("2026-01-15"), none) == d("2026-04-15"));
        CHECK(requests::extended_due(d("2027-11-30"), none) == d("2028-02-29"));
        CHECK(requests::extended_due(d("2026-11-30"), none) == d("2027-03-01"));  // Feb 28 2027 is a Sunday
    }
}

TEST_CASE("opening a request stores its due date from the register's holidays", "[requests][store]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto reg = one_system_register({d("2026-04-27")});
    requests::OpenOptions options;
    options.type = "erasure";
    options.subject = "C-1";
    options.received = d("2026-03-27");
    const auto opened = requests::open_request(*store, reg, options, at("2026-03-28"));
    CHECK(opened.request.id == "REQ-2026-0001");
    CHECK(opened.request.due == d("2026-04-28"));
    REQUIRE(opened.tasks.size() == 2);
    CHECK(opened.tasks[1].kind == store::TaskKind::notify);
    CHECK(opened.tasks[1].target == "mailer-co");

    SECTION("--received defaults to the --as-of day") {
        options.received.reset();
        auto earlier = at("2026-01-31");
        // Dated before the newest audit event: only as an explicit backdate.
        CHECK_THROWS_AS(requests::open_request(*store, reg, options, earlier), Refusal);
        earlier.backdate_reason = "copied from the paper register";
        const auto second = requests::open_request(*store, reg, options, earlier);
        CHECK(second.request.received == d("2026-01-31"));
        CHECK(second.request.due == d("2026-03-02"));
        CHECK(second.request.id == "REQ-2026-0002");
    }
    SECTION("a receipt after today is a usage error") {
        options.received = d("2026-04-01");
        CHECK_THROWS_AS(requests::open_request(*store, reg, options, at("2026-03-31")), UsageError);
    }
}

TEST_CASE("extension: once, and only within the first month", "[requests][deadline]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto reg = one_system_register();
    const time::HolidayCalendar none;
    requests::OpenOptions options;
    options.type = "access";
    options.subject = "C-1";
    const auto id = requests::open_request(*store, reg, options, at("2026-01-31")).request.id;

    SECTION("on the last day of the first month (moved to Monday 2026-03-02)") {
        const auto extended =
            requests::extend_request(*store, id, extension("archives to search", d("2026-03-02"), "e-mail"), none, at("2026-03-02"))
                .request;
        // Received 31 January: two months after the first month (28 February) is 28 April,
        // earlier than three months from receipt (30 April).
        CHECK(extended.due == d("2026-04-28"));
        CHECK(extended.subject_informed_on == d("2026-03-02"));
        CHECK(extended.informed_via == "e-mail");
        CHECK_THROWS_AS(requests::extend_request(*store, id, extension("again and again"), none, at("2026-03-02")), Refusal);
    }
    SECTION("the day after is too late") {
        CHECK_THROWS_AS(requests::extend_request(*store, id, extension("too late now"), none, at("2026-03-03")), Refusal);
    }
    SECTION("a reason is required") {
        CHECK_THROWS_AS(requests::extend_request(*store, id, extension("  "), none, at("2026-02-01")), UsageError);
    }
}

TEST_CASE("overdue and due-within lists follow --as-of", "[requests][list]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    const auto reg = one_system_register({d("2026-04-27")});
    requests::OpenOptions options;
    options.type = "access";
    options.subject = "C-1";
    options.received = d("2026-01-31");  // due 2026-03-02 (Saturday Feb 28 moved)
    requests::open_request(*store, reg, options, at("2026-02-01"));
    options.received = d("2026-03-27");  // due 2026-04-28 (holiday on Monday the 27th)
    requests::open_request(*store, reg, options, at("2026-03-27"));
    options.received = d("2028-01-31");  // due 2028-02-29 (leap year)
    requests::open_request(*store, reg, options, at("2028-02-01"));

    requests::ListOptions overdue;
    overdue.overdue = true;
    CHECK(listed(*store, overdue, "2026-02-28").empty());
    CHECK(listed(*store, overdue, "2026-03-02").empty());
    CHECK(listed(*store, overdue, "2026-03-03") == std::vector<std::string>{"REQ-2026-0001"});
    CHECK(listed(*store, overdue, "2026-04-28") == std::vector<std::string>{"REQ-2026-0001"});
    CHECK(listed(*store, overdue, "2026-04-29") == std::vector<std::string>{"REQ-2026-0001", "REQ-2026-0002"});
    CHECK(listed(*store, overdue, "2028-02-29").size() == 2);
    CHECK(listed(*store, overdue, "2028-03-01").size() == 3);

    requests::ListOptions soon;
    soon.due_within = "7d";
    CHECK(listed(*store, soon, "2026-04-21") == std::vector<std::string>{"REQ-2026-0002"});
    CHECK(listed(*store, soon, "2026-04-20").empty());
    CHECK(listed(*store, soon, "2028-02-22") == std::vector<std::string>{"REQ-2028-0001"});

    SECTION("both: overdue or due soon") {
        soon.overdue = true;
        CHECK(listed(*store, soon, "2026-04-21") == std::vector<std::string>{"REQ-2026-0001", "REQ-2026-0002"});
    }
    SECTION("closed requests are never overdue") {
        requests::close_request(*store, "REQ-2026-0001", closing_partial(), at("2028-03-01"));
        CHECK(listed(*store, overdue, "2026-04-29") == std::vector<std::string>{"REQ-2026-0002"});
    }
    SECTION("day counts") {
        CHECK(requests::parse_day_count("7d", "--due-within") == 7);
        CHECK(requests::parse_day_count("2w", "--due-within") == 14);
        CHECK(requests::parse_day_count("P10D", "--due-within") == 10);
        CHECK_THROWS_AS(requests::parse_day_count("soon", "--due-within"), UsageError);
        CHECK_THROWS_AS(requests::parse_day_count("P1M", "--due-within"), UsageError);
    }
}
