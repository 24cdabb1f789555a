#include "commands/store_access.hpp"

#include "model/calendar.hpp"
#include "register/loader.hpp"
#include "register/workspace.hpp"
#include "store/audit.hpp"
#include "store/location.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>

namespace gdprctl::cli {

std::unique_ptr<store::Store> open_store(const Context& context, StoreAccess access) {
    store::OpenOptions options;
    options.read_only = access == StoreAccess::read;
    options.audit_key = audit_key_from_environment();
    return store::open_store(context.store_location(), options);
}

std::unique_ptr<store::Store> open_existing_store(const Context& context, std::string& note) {
    const auto location = context.store_location();
    if (store::store_exists(location)) {
        try {
            return open_store(context, StoreAccess::read);
        } catch (const store::NoStoreError&) {
            // A PostgreSQL database without a store yet: the same as a missing file.
        }
    }
    note = fmt::format("no operational store at {} yet", location);
    return nullptr;
}

store::AuditKey audit_key_from_environment() {
    const char* file = std::getenv("GDPRCTL_AUDIT_KEY_FILE");
    const char* value = std::getenv("GDPRCTL_AUDIT_KEY");
    return store::load_audit_key(file ? file : "", value ? value : "");
}

store::ChangeStamp change_stamp(const Context& context) {
    const auto at = context.now();
    store::ChangeStamp stamp{context.actor(), at, time::DateTime::now(), context.options.backdate,
                             workspace_zone(context).date_at(at)};
    stamp.recorded_from_clock = true;
    stamp.at_from_clock = context.dated_by_clock();
    return stamp;
}

void add_backdate_option(CLI::App& command, Context& context) {
    command.add_option("--backdate", context.options.backdate,
                       "Why this change is dated (--as-of) before the newest audit event or more than a day before "
                       "now; recorded with both times");
}

model::Register load_workspace_register(const Context& context, std::string_view consequence) {
    auto loaded = reg::load_register(context.workspace_root());
    if (!loaded.diagnostics.empty() && !context.options.quiet)
        *context.err << fmt::format(
            "gdprctl: warning: the register has {} problem(s); {}. Run `gdprctl check` to see them.\n",
            loaded.diagnostics.size(), consequence);
    return std::move(loaded.reg);
}

time::HolidayCalendar workspace_calendar(const Context& context) {
    auto root = reg::try_find_workspace(context.options.workspace, std::filesystem::current_path());
    if (!root) return {};
    return model::holiday_calendar(reg::load_register(*root).reg);
}

model::Settings workspace_settings(const Context& context) {
    auto root = reg::try_find_workspace(context.options.workspace, std::filesystem::current_path());
    if (!root) return {};
    return reg::load_register(*root).reg.settings;
}

time::Zone workspace_zone(const Context& context) {
    auto root = reg::try_find_workspace(context.options.workspace, std::filesystem::current_path());
    return root ? reg::workspace_zone(*root) : time::Zone::utc();
}

time::Date workspace_today(const Context& context) {
    return workspace_today(context, workspace_zone(context));
}

time::Date workspace_today(const Context& context, const time::Zone& zone) {
    return zone.date_at(context.now());
}

void report_pending_purge(Context& context, std::string_view what, const store::PurgeReport& purge) {
    // The change is committed, but its bytes are still in the store's own files: not done yet.
    // `remains` says where, and what completes the purge (it differs by backend).
    *context.err << fmt::format(
        "gdprctl: error: the {} is recorded, but a purge is pending: the data it removed is still in {}\n", what,
        purge.remains);
    context.exit_code = 2;
}

}  // namespace gdprctl::cli
