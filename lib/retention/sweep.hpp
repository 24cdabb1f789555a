#pragma once

#include "model/register.hpp"
#include "store/store.hpp"
#include "time/date.hpp"
#include "time/zone.hpp"

#include <string_view>
#include <vector>

// The retention of the operational store's own records (GDPR Art. 5(1)(e)): closed requests,
// withdrawn consents and closed breaches are deleted irrecoverably once their period in
// settings.store_retention has run, as `subject erase` removes data (secure_delete, then the
// write-ahead log checkpointed and truncated), and the audit trail records how many, never which.
namespace gdprctl::retention {

// How the sweep names and treats one kind of record: one row per store::RetentionKind, in
// sweep.cpp's table.
struct RetentionKindInfo {
    store::RetentionKind kind = store::RetentionKind::requests;
    std::string_view name;              // "requests": the key under settings.store_retention
    std::string_view one;               // "closed request"
    std::string_view many;              // "closed requests"
    std::string_view dependent_one;     // "task"
    std::string_view dependents;        // "tasks"
    std::string_view dated;             // "closed": what happened on or before the last day
    std::string_view runs_from;         // "closing"
    std::string_view article;           // what keeping and deleting rest on
    std::string_view audit_dependents;  // "request_tasks": the dependents' key in the audit event
    time::Duration model::StoreRetention::*period = nullptr;  // its setting
};

// One kind of record the sweep applies a period to, with the period and what was found.
struct SweepArea : RetentionKindInfo {
    time::Duration period;
    bool period_is_default = true;  // not set in settings.store_retention
    time::Date last_day;            // records dated on or before this day are past their period
    store::RetentionCounts counts;  // deleted (or, in a dry run, that would be)
};

// What is past the store's retention at `now` (dated in `zone`, the workspace's settings.timezone),
// without deleting anything: `review` and `sweep` both ask this.
std::vector<SweepArea> store_retention_due(store::StoreReader& reader, const model::StoreRetention& retention,
                                           time::DateTime now, const time::Zone& zone);

struct SweepResult {
    time::Date as_of;
    bool dry_run = false;
    std::vector<SweepArea> areas;
    store::PurgeReport purge;  // after a deletion: what the store purged, and what remains elsewhere
};

// Deletes what store_retention_due finds at the stamp's time, in one transaction with one
// `retention.sweep` audit event of counts (recorded even when nothing was due: the run is evidence
// that retention is applied), then empties the write-ahead log. UsageError naming the problem's
// place when settings.store_retention has one: nothing is deleted by a default the user meant to
// change.
SweepResult sweep_store(store::Store& store, const model::StoreRetention& retention, const store::ChangeStamp& stamp,
                        const time::Zone& zone);
// Only counts, at `now` (--as-of may look ahead), and writes nothing.
SweepResult sweep_dry_run(store::Store& store, const model::StoreRetention& retention, time::DateTime now,
                          const time::Zone& zone);

}  // namespace gdprctl::retention
