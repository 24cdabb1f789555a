#include "requests/requests.hpp"

#include "errors.hpp"
#include "support/store_backends.hpp"
#include "support/string_makers.hpp"
#include "support/temp_dir.hpp"

using namespace gdprctl;

namespace {

model::System system(const char* id, std::vector<std::string> subjects, std::vector<std::string> recipients) {
    model::System s;
    s.id = id;
    s.subjects = std::move(subjects);
    s.recipients = std::move(recipients);
    return s;
}

requests::CloseOptions closing(const char* outcome, const char* reason = "", bool remedies_told = false) {
    requests::CloseOptions options;
    options.outcome = outcome;
    options.reason = reason;
    options.remedies_told = remedies_told;
    return options;
}

store::ChangeStamp stamp() {
    const auto at = time::DateTime::start_of(*time::parse_date("2026-05-04"));
    return {"tester", at, at, ""};
}

}  // namespace

TEST_CASE("tasks come from the register", "[requests][tasks]") {
    model::Register reg;
    reg.systems = {system("crm", {"customer", "prospect"}, {"mailer"}),
                   system("billing", {"customer"}, {"bank", "mailer"}), system("hr", {"employee"}, {"payroll"})};

    SECTION("one per system holding that kind of subject, plus Art. 19 notices for erasure") {
        auto tasks = requests::plan_tasks(reg, model::Right::erasure, "customer");
        REQUIRE(tasks.size() == 4);
        CHECK(tasks[0].target == "billing");
        CHECK(tasks[1].target == "crm");
        CHECK(tasks[2].kind == store::TaskKind::notify);
        CHECK(tasks[2].target == "bank");
        CHECK(tasks[3].target == "mailer");
        CHECK(tasks[3].via == "billing,crm");
    }
    SECTION("no kind: every system") {
        CHECK(requests::plan_tasks(reg, model::Right::access, "").size() == 3);
    }
    SECTION("access, objection and portability notify no recipient") {
        for (auto type : {model::Right::access, model::Right::objection, model::Right::portability})
            for (const auto& task : requests::plan_tasks(reg, type, "")) CHECK(task.kind == store::TaskKind::system);
    }
    SECTION("rectification and restriction notify recipients too") {
        CHECK(requests::plan_tasks(reg, model::Right::rectification, "employee").size() == 2);
        CHECK(requests::plan_tasks(reg, model::Right::restriction, "employee").size() == 2);
    }
}

TEST_CASE("a request closes as fulfilled only when its tasks are done", "[requests][tasks]") {
    const auto backend = GDPRCTL_EACH_STORE_BACKEND();
    test::TempDir dir;
    auto store = backend.open(dir.path());
    model::Register reg;
    reg.systems = {system("crm", {"customer"}, {"mailer"})};
    requests::OpenOptions options;
    options.type = "erasure";
    options.subject = "C-7";
    const auto id = requests::open_request(*store, reg, options, stamp()).request.id;

    CHECK_THROWS_AS(requests::close_request(*store, id, closing("fulfilled"), stamp()), Refusal);
    requests::complete_task(*store, id, "crm", "deleted", stamp());
    CHECK_THROWS_AS(requests::complete_task(*store, id, "crm", "", stamp()), Refusal);
    CHECK_THROWS_AS(requests::complete_task(*store, id, "payroll", "", stamp()), UsageError);
    CHECK_THROWS_AS(requests::close_request(*store, id, closing("fulfilled"), stamp()), Refusal);
    requests::complete_task(*store, id, "notify:mailer", "", stamp());
    const auto closed = requests::close_request(*store, id, closing("fulfilled"), stamp());
    CHECK(closed.status == store::RequestStatus::closed);
    CHECK_THROWS_AS(requests::close_request(*store, id, closing("partial", "closed twice", true), stamp()), Refusal);

    SECTION("a refusal needs reasons") {
        const auto other = requests::open_request(*store, reg, options, stamp()).request.id;
        CHECK_THROWS_AS(requests::close_request(*store, other, closing("refused"), stamp()), UsageError);
        CHECK_THROWS_AS(requests::close_request(*store, other, closing("refused", "x", true), stamp()), UsageError);
        CHECK_THROWS_AS(requests::close_request(*store, other, closing("refused", "identity not shown"), stamp()), UsageError);
        CHECK(requests::close_request(*store, other, closing("refused", "identity not shown", true), stamp()).outcome ==
              store::Outcome::refused);
    }
}
