#include "commands/commands.hpp"
#include "commands/store_access.hpp"

#include "errors.hpp"
#include "output/request_formats.hpp"
#include "store/audit.hpp"

#include <fmt/format.h>

namespace gdprctl::cli {
namespace {

struct LogOptions {
    std::string since;
};

void run_log(const LogOptions& options, Context& context) {
    const auto& format = output::choose_format(output::audit_log_formats(), context.options.format);
    std::optional<time::DateTime> since;
    if (!options.since.empty()) {
        since = time::parse_datetime(options.since);
        if (!since)
            throw UsageError(fmt::format("--since `{}` is not a date or date-time", options.since),
                             "write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. --since 2026-01-01");
    }
    auto store = open_store(context, StoreAccess::read);
    auto writer = format.write(*context.out);
    store::for_each_audit_event(*store, since, [&](const store::AuditEvent& event) { writer->row(event); });
    writer->end();
}

void add_log(CLI::App& group, Context& context) {
    auto options = std::make_shared<LogOptions>();
    auto* command = group.add_subcommand("log", "Print the audit events, oldest first");
    command->add_option("--since", options->since, "Only events at or after this date or date-time");
    command->callback([options, &context] { run_log(*options, context); });
}

struct VerifyOptions {
    std::string expect;  // SEQ:HASH
};

void run_verify(const VerifyOptions& options, Context& context) {
    const auto& format = output::choose_format(output::verify_formats(), context.options.format);
    store::VerifyOptions verify;
    if (!options.expect.empty()) {
        verify.expect = store::parse_head(options.expect);
        if (!verify.expect)
            throw UsageError(fmt::format("--expect `{}` is not an audit head", options.expect),
                             "pass what `gdprctl audit head` printed: SEQ:HASH");
    }
    verify.key = audit_key_from_environment();
    auto store = open_store(context, StoreAccess::read);
    const auto result = store::verify_chain(*store, verify);
    format.write(*context.out, result);
    if (!result.ok) context.exit_code = 1;
}

void add_verify(CLI::App& group, Context& context) {
    auto options = std::make_shared<VerifyOptions>();
    auto* command = group.add_subcommand(
        "verify", "Recompute the hash chain and check every request against it; exit 1 at the first break");
    command
        ->add_option("--expect", options->expect,
                     "An anchor printed earlier by `audit head` (SEQ:HASH): the trail must still hold that event")
        ->type_name("HEAD");
    command->callback([options, &context] { run_verify(*options, context); });
}

void run_head(Context& context) {
    const auto& format = output::choose_format(output::audit_head_formats(), context.options.format);
    auto store = open_store(context, StoreAccess::read);
    format.write(*context.out, store::read_audit_head(*store));
}

void add_head(CLI::App& group, Context& context) {
    auto* command = group.add_subcommand("head", "Print the newest event as SEQ:HASH, an anchor to keep elsewhere");
    command->callback([&context] { run_head(context); });
}

}  // namespace

void setup_audit(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("audit", "The hash-chained audit trail of every change to the store");
    group->require_subcommand(1);
    group->footer(
        "Each event records who (--by, GDPRCTL_USER or the login), when (the effective time: --as-of\n"
        "or the clock, and the real time it was written) and what, and carries the SHA-256 of the\n"
        "previous event's hash and its own content. `log` marks backdated events; `verify` also\n"
        "reports recorded time going backwards. Each request\n"
        "points at the event that last changed it, which records a digest of the request and its tasks.\n"
        "With GDPRCTL_AUDIT_KEY_FILE (a 0600 file) or GDPRCTL_AUDIT_KEY, new events are chained with\n"
        "HMAC-SHA-256: an edited event cannot be re-hashed without the key. Keep `audit head` elsewhere\n"
        "(the register's git history, the annual review) and check it with `audit verify --expect`.\n"
        "What each level protects against: docs/audit-trail.md.\n"
        "Examples:\n"
        "  gdprctl audit log --since 2026-01-01\n"
        "  gdprctl audit head > audit-anchor.txt\n"
        "  gdprctl audit verify --expect \"$(cat audit-anchor.txt)\"   (exit 1 naming the first broken event)");
    add_log(*group, context);
    add_verify(*group, context);
    add_head(*group, context);
}

}  // namespace gdprctl::cli
