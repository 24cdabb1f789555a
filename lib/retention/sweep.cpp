#include "retention/sweep.hpp"

#include "errors.hpp"
#include "retention/due.hpp"
#include "store/audit.hpp"

#include <fmt/format.h>

namespace gdprctl::retention {
namespace {

// One row per store::RetentionKind, in the order the sweep runs and reports them. The defaults and
// the reasons for them are model::StoreRetention's (docs/review.md explains them).
constexpr RetentionKindInfo kind_rows[]{
    {store::RetentionKind::requests, "requests", "closed request", "closed requests", "task", "tasks", "closed",
     "closing", "GDPR Art. 5(1)(e), 5(2), 12(3)", "request_tasks", &model::StoreRetention::requests},
    {store::RetentionKind::consents, "consents", "consent event", "consent events", "task", "tasks",
     "of consents withdrawn", "the withdrawal", "GDPR Art. 5(1)(e), 7(1), 7(3)", "consent_tasks",
     &model::StoreRetention::consents},
    {store::RetentionKind::breaches, "breaches", "closed breach", "closed breaches", "notification", "notifications",
     "closed", "closing", "GDPR Art. 5(1)(e), 33(5)", "breach_notifications", &model::StoreRetention::breaches},
};

void require_readable(const model::StoreRetention& retention) {
    if (!retention.readable())
        throw UsageError(retention.problem + "; the store's retention periods are not known, so nothing was deleted",
                         "fix gdpr.yaml settings.store_retention (`gdprctl check` shows every problem) and sweep "
                         "again");
}

// The start of `day` in `zone`; a zone whose clocks jump over midnight starts the day at the jump.
time::DateTime start_of_day(const time::Zone& zone, time::Date day) {
    for (int hour = 0; hour < 24; ++hour) {
        try {
            return zone.to_utc({day, hour, 0, 0});
        } catch (const UsageError&) {
            // this hour is in a daylight-saving gap; the next one exists
        }
    }
    return time::DateTime::start_of(day);
}

std::vector<SweepArea> areas_of(const model::StoreRetention& retention, time::Date as_of) {
    const model::StoreRetention defaults;
    std::vector<SweepArea> areas;
    for (const auto& row : kind_rows) {
        SweepArea area;
        static_cast<RetentionKindInfo&>(area) = row;
        area.period = retention.*row.period;
        area.period_is_default = area.period == defaults.*row.period;
        area.last_day = latest_due_date(area.period, as_of);
        areas.push_back(area);
    }
    return areas;
}

store::RetentionCut cut_of(const SweepArea& area, time::DateTime now, const time::Zone& zone) {
    return {area.kind, start_of_day(zone, area.last_day.plus_days(1)), now};
}

std::string audit_details(const std::vector<SweepArea>& areas) {
    std::string details;
    for (const auto& area : areas) {
        if (!details.empty()) details += ' ';
        details += fmt::format("{0}_deleted={1} {2}_deleted={3} {0}_period={4} {0}_through={5}", area.name,
                               area.counts.records, area.audit_dependents, area.counts.dependents,
                               area.period.to_string(), area.last_day.to_string());
    }
    return details;
}

}  // namespace

std::vector<SweepArea> store_retention_due(store::StoreReader& reader, const model::StoreRetention& retention,
                                           time::DateTime now, const time::Zone& zone) {
    auto areas = areas_of(retention, zone.date_at(now));
    for (auto& area : areas) area.counts = reader.past_retention(cut_of(area, now, zone));
    return areas;
}

SweepResult sweep_dry_run(store::Store& store, const model::StoreRetention& retention, time::DateTime now,
                          const time::Zone& zone) {
    require_readable(retention);
    SweepResult result;
    result.as_of = zone.date_at(now);
    result.dry_run = true;
    store.read([&](store::StoreReader& reader) { result.areas = store_retention_due(reader, retention, now, zone); });
    return result;
}

SweepResult sweep_store(store::Store& store, const model::StoreRetention& retention, const store::ChangeStamp& stamp,
                        const time::Zone& zone) {
    require_readable(retention);
    SweepResult result;
    result.as_of = stamp.date();
    result.areas = areas_of(retention, result.as_of);
    store.write(stamp, [&](store::StoreWriter& writer) {
        for (auto& area : result.areas) area.counts = writer.delete_past_retention(cut_of(area, stamp.at, zone));
        writer.append_audit({std::string(store::retention_sweep_action), "store", audit_details(result.areas)});
    });
    // As after `subject erase`: the backend purges what its files keep of the deleted rows (SQLite:
    // the write-ahead log; PostgreSQL: VACUUM FULL) and says what remains.
    bool deleted = false;
    for (const auto& area : result.areas) deleted = deleted || area.counts.records > 0;
    if (deleted) result.purge = store.purge_after_erasure();
    return result;
}

}  // namespace gdprctl::retention
