#pragma once

#include "context.hpp"
#include "model/register.hpp"
#include "store/store.hpp"
#include "time/deadline.hpp"
#include "time/zone.hpp"

#include <memory>
#include <string_view>

// Shared by the commands that use the operational store.
namespace gdprctl::cli {

// Read commands open with StoreAccess::read: a missing store is "no store at PATH" (exit 2), never
// created, and an existing one is opened read-only.
enum class StoreAccess { read, write };
std::unique_ptr<store::Store> open_store(const Context& context, StoreAccess access = StoreAccess::write);
// The store when one exists, opened read-only; nullptr, with `note` saying so ("no operational
// store at LOCATION yet"), for a missing file or a database without a store. For optional reads.
std::unique_ptr<store::Store> open_existing_store(const Context& context, std::string& note);
// Who and when: the effective time (--as-of, or the clock), the real clock, and --backdate.
store::ChangeStamp change_stamp(const Context& context);
// --backdate REASON, for a subcommand that changes the store.
void add_backdate_option(CLI::App& command, Context& context);
// The key of a keyed audit chain: GDPRCTL_AUDIT_KEY_FILE (a 0600 file) or GDPRCTL_AUDIT_KEY; empty
// for a plain chain.
std::string audit_key_from_environment();
// The workspace's register; warns on stderr (unless -q) when it has structural problems.
// `consequence` says what the command does with a partly read register.
model::Register load_workspace_register(const Context& context,
                                        std::string_view consequence = "tasks are derived from what could be read");
// The built-in calendar of organization.country plus settings.holidays, or none when there is no
// workspace (e.g. only --db given).
time::HolidayCalendar workspace_calendar(const Context& context);
// gdpr.yaml's settings, or the defaults when there is no workspace (e.g. only --db given).
model::Settings workspace_settings(const Context& context);
// The workspace's settings.timezone (reg::workspace_zone: UTC when unset or when there is no
// workspace; UsageError at gdpr.yaml:LINE:COL with a did-you-mean for an unknown name).
time::Zone workspace_zone(const Context& context);
// Today's date in the workspace's time zone, at --as-of or the real clock: the one "today" of every
// command that dates or judges by the day (check, report, register, retention, request, subject,
// review; the retention sweep's date is this too, zone.date_at of the same instant).
time::Date workspace_today(const Context& context);
// The same with the zone already loaded (workspace_zone(context)), to read gdpr.yaml once.
time::Date workspace_today(const Context& context, const time::Zone& zone);
// After an erasure or deletion whose purge could not complete (Store::purge_after_erasure): says
// where the data still is and sets exit code 2. `what` is "erasure" or "deletion".
void report_pending_purge(Context& context, std::string_view what, const store::PurgeReport& purge);

}  // namespace gdprctl::cli
