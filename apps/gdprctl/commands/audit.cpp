#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "errors.hpp"
#include "output/json_writer.hpp"
#include "output/request_formats.hpp"
#include "store/audit.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

struct AuditOptions {
    std::string since;
};

void run_log(const AuditOptions& options, Context& context) {
    const bool json = wants_json(context);
    std::optional<time::DateTime> since;
    if (!options.since.empty()) {
        since = time::parse_datetime(options.since);
        if (!since)
            throw UsageError(fmt::format("--since `{}` is not a date or date-time", options.since),
                             "write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. --since 2026-01-01");
    }
    auto store = open_store(context);
    if (json) {
        output::JsonWriter writer(*context.out);
        writer.begin_array();
        store::for_each_audit_event(
            *store, since, [&](const store::AuditEvent& event) { output::write_audit_event_json(writer, event); });
        writer.end_array();
    } else {
        store::for_each_audit_event(*store, since, [&](const store::AuditEvent& event) {
            output::write_audit_event_text(*context.out, event);
        });
    }
}

void run_verify(Context& context) {
    const bool json = wants_json(context);
    auto store = open_store(context);
    const auto result = store::verify_chain(*store);
    if (!result.ok) context.exit_code = 1;
    if (json) {
        output::JsonWriter writer(*context.out);
        writer.begin_object();
        writer.field("ok", result.ok);
        writer.field("events_checked", static_cast<std::int64_t>(result.events_checked));
        if (!result.problem.empty()) {
            writer.field("broken_event", static_cast<std::int64_t>(result.broken_seq));
            writer.field("problem", result.problem);
        }
        writer.strings("time_problems", result.time_problems);
        writer.end_object();
    } else if (result.ok) {
        *context.out << fmt::format("audit trail intact: {} event(s), every link verified\n", result.events_checked);
    } else {
        if (!result.problem.empty())
            *context.out << fmt::format("audit trail BROKEN at event {}: {}\n", result.broken_seq, result.problem);
        for (const auto& problem : result.time_problems)
            *context.out << fmt::format("audit trail time out of order: {}\n", problem);
    }
}

}  // namespace

void setup_audit(CLI::App& app, Context& context) {
    auto options = std::make_shared<AuditOptions>();
    auto* group = app.add_subcommand("audit", "The hash-chained audit trail of every change to the store");
    group->require_subcommand(1);
    group->footer(
        "Each event records who (--by, GDPRCTL_USER or the login), when (the effective time: --as-of\n"
        "or the clock, and the real time it was written) and what, and carries the SHA-256 of the\n"
        "previous event's hash and its own content. `log` marks backdated events; `verify` also\n"
        "reports recorded time going backwards.\n"
        "Examples:\n"
        "  gdprctl audit log --since 2026-01-01\n"
        "  gdprctl audit verify   (exit 1 naming the first broken event)");
    auto* log = group->add_subcommand("log", "Print the audit events, oldest first");
    log->add_option("--since", options->since, "Only events at or after this date or date-time");
    log->callback([options, &context] { run_log(*options, context); });
    auto* verify = group->add_subcommand("verify", "Recompute the hash chain; exit 1 at the first broken link");
    verify->callback([&context] { run_verify(context); });
}

}  // namespace gdprctl::cli
