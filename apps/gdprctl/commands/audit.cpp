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
    std::string expect;  // verify --expect SEQ:HASH
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
    auto store = open_store(context, StoreAccess::read);
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

void run_head(Context& context) {
    const bool json = wants_json(context);
    auto store = open_store(context, StoreAccess::read);
    std::optional<store::AuditHead> head;
    store->read([&](store::StoreReader& reader) { head = reader.audit_head(); });
    if (json) {
        output::JsonWriter writer(*context.out);
        writer.begin_object();
        writer.field("seq", static_cast<std::int64_t>(head ? head->seq : 0));
        writer.field("hash", head ? head->hash : std::string(store::genesis_hash));
        writer.field("head", head ? store::format_head(*head) : std::string("0:") + std::string(store::genesis_hash));
        writer.end_object();
        *context.out << '\n';
        return;
    }
    *context.out << (head ? store::format_head(*head) : std::string("0:") + std::string(store::genesis_hash)) << '\n';
}

void run_verify(const AuditOptions& options, Context& context) {
    const bool json = wants_json(context);
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
    if (!result.ok) context.exit_code = 1;
    if (json) {
        output::JsonWriter writer(*context.out);
        writer.begin_object();
        writer.field("ok", result.ok);
        writer.field("events_checked", static_cast<std::int64_t>(result.events_checked));
        writer.field("keyed_events", static_cast<std::int64_t>(result.keyed_events));
        writer.field("records_checked", static_cast<std::int64_t>(result.records_checked));
        if (!result.problem.empty()) {
            writer.field("broken_event", static_cast<std::int64_t>(result.broken_seq));
            writer.field("problem", result.problem);
        }
        writer.strings("time_problems", result.time_problems);
        writer.end_object();
    } else if (result.ok) {
        *context.out << fmt::format("audit trail intact: {} event(s){}, every link verified; {} request(s) match "
                                    "the events that changed them{}\n",
                                    result.events_checked,
                                    result.keyed_events > 0 ? fmt::format(" ({} keyed)", result.keyed_events) : "",
                                    result.records_checked,
                                    verify.expect ? fmt::format("; anchor {} holds", store::format_head(*verify.expect))
                                                  : "");
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
    auto* log = group->add_subcommand("log", "Print the audit events, oldest first");
    log->add_option("--since", options->since, "Only events at or after this date or date-time");
    log->callback([options, &context] { run_log(*options, context); });
    auto* verify = group->add_subcommand(
        "verify", "Recompute the hash chain and check every request against it; exit 1 at the first break");
    verify
        ->add_option("--expect", options->expect,
                     "An anchor printed earlier by `audit head` (SEQ:HASH): the trail must still hold that event")
        ->type_name("HEAD");
    verify->callback([options, &context] { run_verify(*options, context); });
    auto* head = group->add_subcommand("head", "Print the newest event as SEQ:HASH, an anchor to keep elsewhere");
    head->callback([&context] { run_head(context); });
}

}  // namespace gdprctl::cli
