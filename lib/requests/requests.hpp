#pragma once

#include "model/register.hpp"
#include "store/store.hpp"
#include "time/deadline.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

// Data-subject requests (Art. 15-21) and their Art. 12(3) deadlines, over any Store backend.
namespace gdprctl::requests {

// ---- deadlines (Art. 12(3), periods per Regulation 1182/71) ---------------------------------

// One month from receipt: the answer is due then, and an extension must be told within it.
time::Date first_due(time::Date received, const time::HolidayCalendar& calendar);
// Three months from receipt: the latest due date once extended.
time::Date extended_due(time::Date received, const time::HolidayCalendar& calendar);
// Overdue on `today` once the day the period ends has passed.
bool is_overdue(const store::Request& request, time::Date today);

// "7d", "2w", "7" (days) or an ISO 8601 duration in days/weeks ("P7D"); UsageError otherwise.
int parse_day_count(const std::string& text, const std::string& option);
// Strict YYYY-MM-DD; UsageError naming `option` otherwise.
time::Date parse_date_option(const std::string& text, const std::string& option);

// ---- opening -----------------------------------------------------------------------------------

struct OpenOptions {
    std::string type;
    std::string subject;
    std::string subject_kind;            // empty: every system of the register
    std::optional<time::Date> received;  // default: today
    std::string channel;
    std::string note;
};

// The tasks a request gets from the register, request id not yet filled in: one per system that
// holds data about `subject_kind` (every system when empty) and, for rectification, erasure and
// restriction, one Art. 19 notification per recipient of those systems.
std::vector<store::Task> plan_tasks(const model::Register& reg, model::Right type,
                                    const std::string& subject_kind);

struct Opened {
    store::Request request;
    std::vector<store::Task> tasks;
};

Opened open_request(store::Store& store, const model::Register& reg, const OpenOptions& options,
                    const store::ChangeStamp& stamp);

// ---- changes -------------------------------------------------------------------------------

store::Request extend_request(store::Store& store, const std::string& id, const std::string& reason,
                              const time::HolidayCalendar& calendar, const store::ChangeStamp& stamp);

store::Request close_request(store::Store& store, const std::string& id, const std::string& outcome,
                             const std::string& reason, const store::ChangeStamp& stamp);

// `target` is a system or recipient id, or `system:ID` / `notify:ID` to choose between the two.
store::Task complete_task(store::Store& store, const std::string& id, const std::string& target,
                          const std::string& note, const store::ChangeStamp& stamp);

// ---- reading -------------------------------------------------------------------------------

struct RequestDetail {
    store::Request request;
    std::vector<store::Task> tasks;
    std::vector<store::AuditEvent> events;
};

RequestDetail show_request(store::Store& store, const std::string& id);

struct ListOptions {
    std::string status = "open";  // open | closed | all
    bool overdue = false;
    std::string due_within;  // e.g. 7d; empty: no bound
};

// Validates `options` and turns them into a store filter relative to `today`: --overdue lists
// open requests due before today; --due-within N lists open ones due from today to today + N;
// both together list either.
store::RequestFilter list_filter(const ListOptions& options, time::Date today);

void list_requests(store::Store& store, const store::RequestFilter& filter,
                   const std::function<void(const store::Request&)>& visit);

// ---- data subjects -----------------------------------------------------------------------------

struct SubjectReport {
    std::string subject;
    std::vector<RequestDetail> requests;
};

SubjectReport show_subject(store::Store& store, const std::string& subject);

struct ErasureReport {
    std::vector<std::string> request_ids;  // kept without the identifier, for accountability
    std::size_t task_notes_cleared = 0;
    bool history_purged = true;  // false: another process kept the write-ahead log from being emptied
};

// Irrecoverable: removes the identifier and every free-text field of the subject's requests,
// keeps a pseudonymous record of each request (type, dates, outcome) for accountability
// (Art. 5(2)), and purges the write-ahead log.
ErasureReport erase_subject(store::Store& store, const std::string& subject, const store::ChangeStamp& stamp);

// Validates a subject identifier given on the command line.
void check_subject_id(const std::string& subject);

}  // namespace gdprctl::requests
