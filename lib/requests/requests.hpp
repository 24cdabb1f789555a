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
// The due date once extended: the earlier of "three months from receipt" and "two further months
// after the first month" (they differ where the month-end clamp bites: received 31 January, 30
// April or 28 April), because Art. 12(3) can be read either way and the earlier one is never late.
time::Date extended_due(time::Date received, const time::HolidayCalendar& calendar);
// The warning for a deadline computed without all of its year's holidays, or nothing.
std::vector<std::string> calendar_warnings(time::Date due, const time::HolidayCalendar& calendar);
// Why an extension is a problem on `today`: never told to the subject within the first month
// (Art. 12(3)); nullopt when there is none.
std::optional<std::string> extension_problem(const store::Request& request, time::Date today,
                                             const time::HolidayCalendar& calendar);
// Overdue on `today` once the day the period ends has passed.
bool is_overdue(const store::Request& request, time::Date today);
// Days from asking for identification (or from receipt) to receiving it; nullopt until verified.
std::optional<long> verification_days(const store::Request& request);

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
//
// The right decides what each task asks (Art. 17(3), 20(1), 21): an erasure task of a system that
// keeps the data under a legal obligation or for legal claims asks to restrict until the retention
// ends; portability and objection tasks of a system whose processing rests on no basis that gives
// the right are "not applicable", with that basis. Recipients with role `authority` get no Art. 19
// notice (Art. 4(9): they are not recipients).
std::vector<store::Task> plan_tasks(const model::Register& reg, model::Right type,
                                    const std::string& subject_kind);

struct Opened {
    store::Request request;
    std::vector<store::Task> tasks;
    std::vector<std::string> warnings;  // e.g. a due date in a year the holiday calendar does not cover
};

Opened open_request(store::Store& store, const model::Register& reg, const OpenOptions& options,
                    const store::ChangeStamp& stamp);

// ---- changes -------------------------------------------------------------------------------

struct ExtendOptions {
    std::string reason;
    std::optional<time::Date> informed_on;  // when the subject was told; may be recorded later
    std::string via;                        // how: letter, e-mail, portal...
};

struct Changed {
    store::Request request;
    std::vector<std::string> warnings;
};

Changed extend_request(store::Store& store, const std::string& id, const ExtendOptions& options,
                       const time::HolidayCalendar& calendar, const store::ChangeStamp& stamp);

// Records that the subject was told of the extension (Art. 12(3)), as its own dated act.
store::Request inform_request(store::Store& store, const std::string& id, time::Date informed_on,
                              const std::string& via, const store::ChangeStamp& stamp);

struct VerifyOptions {
    std::optional<time::Date> asked_on;     // identification asked for (Art. 12(6))
    std::optional<time::Date> verified_on;  // and received
};

store::Request verify_identity(store::Store& store, const std::string& id, const VerifyOptions& options,
                               const store::ChangeStamp& stamp);

struct CloseOptions {
    std::string outcome;
    std::string reason;
    std::string fee;             // Art. 12(5)(a)
    bool remedies_told = false;  // Art. 12(4): Art. 77 complaint and Art. 79 judicial remedy
};

store::Request close_request(store::Store& store, const std::string& id, const CloseOptions& options,
                             const store::ChangeStamp& stamp);

struct Recomputed {
    std::string id;
    time::Date old_due;
    time::Date new_due;
};

struct RecomputeReport {
    std::vector<Recomputed> changed;
    std::vector<std::string> warnings;
    bool applied = false;
};

// Open requests whose stored due date differs from the one `calendar` gives now (after a change of
// settings.holidays, organization.country or the built-in calendar). With `apply`, updates them in
// one audited transaction; otherwise only says what would change.
RecomputeReport recompute_deadlines(store::Store& store, const time::HolidayCalendar& calendar, bool apply,
                                    const store::ChangeStamp& stamp);

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
    std::vector<store::ConsentEvent> consents;  // the consent ledger's events about the subject
};

SubjectReport show_subject(store::Store& store, const std::string& subject);

struct ErasureReport {
    std::vector<std::string> request_ids;  // kept without the identifier, for accountability
    std::size_t task_notes_cleared = 0;
    store::PurgeReport purge;  // what the store did after the commit, and what remains elsewhere
    std::size_t consent_events_removed = 0;
    std::vector<std::int64_t> withdrawal_proofs_kept;  // consent events kept without the identifier
};

struct EraseOptions {
    bool force = false;  // erase although requests of the subject are still open
    std::string reason;  // required with force; recorded in the audit trail (never name the person)
    // gdpr.yaml settings.keep_withdrawal_proof: each withdrawal of consent stays as a pseudonymous
    // proof (purpose and time, no identifier or free text), Art. 7(1).
    bool keep_withdrawal_proof = true;
};

// Irrecoverable: removes the identifier and every free-text field of the subject's requests,
// keeps a pseudonymous record of each request (type, dates, outcome) for accountability
// (Art. 5(2)), and purges the write-ahead log. Refused while a request of the subject is open
// (its answer would lose its addressee) unless forced with a reason.
// Consent events go too, except withdrawal proofs when `options.keep_withdrawal_proof`.
ErasureReport erase_subject(store::Store& store, const std::string& subject, const EraseOptions& options,
                            const store::ChangeStamp& stamp);

// Validates a subject identifier given on the command line.
void check_subject_id(const std::string& subject);

}  // namespace gdprctl::requests
