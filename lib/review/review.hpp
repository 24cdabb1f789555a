#pragma once

#include "diag/diagnostic.hpp"
#include "model/register.hpp"
#include "store/store.hpp"
#include "time/date.hpp"
#include "time/zone.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

// The annual review: everything that needs action on one date, each item with what, why (the
// article), who owns it and by when. The policy promises this run (its sections 2.3 and 3.2);
// cron and CI act on its exit code.
namespace gdprctl::review {

// The areas of the review, in the order a report lists them.
enum class Area { register_, reviews, retention, requests, breaches, consent };
std::string_view to_string(Area area);
const std::vector<Area>& areas();

struct Action {
    Area area = Area::register_;
    diag::Severity severity = diag::Severity::warning;
    std::string what;
    std::string article;
    std::string owner;
    std::optional<time::Date> due;  // by when; nullopt when it is due now with no date to cite
    std::string rule;               // check rule id, or the review's own kind (request-overdue, ...)
    std::string ref;                // system id, request id, breach id, purpose, task target, or "policy"
    std::string file;               // register file of a finding, relative to the workspace
    int line = 0;
};

// A coming deadline for the timeline: reviews and requests due after as_of.
struct Deadline {
    Area area = Area::reviews;
    std::string what;
    time::Date due;
};

// For the board's charts: purposes per lawful basis, data categories per system.
struct Overview {
    std::map<std::string, std::size_t> purposes_by_basis;  // basis name ("unstated" when missing)
    std::vector<std::pair<std::string, std::size_t>> categories_by_system;
};

struct ReviewResult {
    time::Date as_of;
    std::string organisation;
    std::vector<Action> actions;      // sorted: area, then due date (undated first), then ref
    std::vector<Deadline> upcoming;   // within 90 days after as_of, by date
    Overview overview;
    bool store_read = false;          // false: no operational store, so no request, breach or consent actions
    std::string store_note;           // why the store was not read
    std::size_t register_errors = 0;  // error findings (review sign refuses while any remain)
    std::size_t count(Area area, diag::Severity severity) const;
};

struct ReviewInputs {
    std::filesystem::path root;  // the workspace
    time::Date as_of;            // the CLI's is the date in `zone` (cli::workspace_today)
    // The moment the store's clocks are read at (breaches' 72 hours, withdrawals' tasks): --as-of, or
    // the real clock; unset: the end of `as_of` (UTC).
    std::optional<time::DateTime> now;
    // The workspace's settings.timezone: where the store's retention periods end (a day ends at
    // midnight there).
    time::Zone zone = time::Zone::utc();
    store::Store* store = nullptr;  // nullptr: none exists yet
    std::string store_note;
};

// Loads and checks the register as of `as_of` (the same run_check as `gdprctl check`), adds the
// review dates (model::next_review), the store's requests overdue or due within 7 days, breaches
// whose authority notification is pending (past or within its 72 hours) or whose people affected
// are not yet informed, withdrawals of consent whose propagation tasks are open, consents
// recorded for purposes the register no longer bases on consent, and the store's records past
// settings.store_retention (retention::store_retention_due, which `retention sweep` also uses).
ReviewResult build_review(const ReviewInputs& inputs);

// Requests are listed when overdue or due within this many days.
inline constexpr int request_horizon_days = 7;

}  // namespace gdprctl::review
