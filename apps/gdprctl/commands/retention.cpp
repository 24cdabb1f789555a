#include "commands/commands.hpp"
#include "commands/store_access.hpp"
#include "output/retention_formats.hpp"

#include "errors.hpp"
#include "io/byte_source.hpp"
#include "retention/due.hpp"
#include "retention/schedule.hpp"
#include "retention/sweep.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::cli {
namespace {

struct ScheduleOptions {};

void run_schedule(const ScheduleOptions&, Context& context) {
    const auto& format = output::choose_format(output::schedule_formats(), context.options.format);
    auto schedule = retention::build_schedule(load_workspace_register(context, "this shows what could be read"));
    format.write(*context.out, schedule);
    context.out->flush();
}

void add_schedule(CLI::App& group, Context& context) {
    auto options = std::make_shared<ScheduleOptions>();
    auto* command = group.add_subcommand("schedule", "The retention table of the whole register");
    command->footer(
        fmt::format("One row per retention rule: system, data categories, period (ISO 8601), the event it runs from\n"
                    "(`after`), action (delete or anonymise) and reason; then, per system, one row `none` for the\n"
                    "categories it holds that no rule covers (GDPR Art. 5(1)(e) storage limitation, Art. 30(1)(f)).\n"
                    "{}\n"
                    "Examples:\n"
                    "  gdprctl retention schedule\n"
                    "  gdprctl retention schedule --format csv > retention.csv\n"
                    "  gdprctl retention schedule --format json | jq '.rows[] | select(.status != \"set\")'",
                    output::formats_help(output::schedule_formats())));
    command->callback([options, &context] { run_schedule(*options, context); });
}

struct DueOptions {
    std::string system;
    std::string data;
    std::string timestamp_column;
    std::string id_column;
    std::string input_format;
    std::string file;
};

// Due ids or records go to standard output in large blocks; bad rows to standard error at once.
void run_due(const DueOptions& options, Context& context) {
    if (!context.options.format.empty() && context.options.format != "text")
        throw UsageError(fmt::format("`retention due` prints ids or records, not --format {}", context.options.format),
                         "drop --format; use --id-column for ids only");
    retention::DueQuery query;
    query.name = options.file == "-" ? "<stdin>" : options.file;
    if (!options.input_format.empty()) {
        query.format = retention::parse_input_format(options.input_format);
        if (!query.format)
            throw UsageError(fmt::format("--input-format {} is not known", options.input_format),
                             "use one of: csv, jsonl");
    }
    query.timestamp_column = options.timestamp_column;
    query.id_column = options.id_column;
    query.as_of = workspace_today(context);
    auto reg = load_workspace_register(context, "this shows what could be read");
    query.period = retention::applicable_rule(reg, options.system, options.data).period;

    io::FileSource input(options.file);
    std::string buffer;
    buffer.reserve(1 << 16);
    auto flush = [&] {
        context.out->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    };
    retention::DueSink sink;
    sink.due = [&](std::string_view text) {
        buffer.append(text);
        buffer += '\n';
        if (buffer.size() >= (1 << 16)) flush();
    };
    sink.bad = [&](std::size_t line, std::string_view message) {
        *context.err << fmt::format("{}:{}: {}\n", query.name, line, message);
    };
    auto counts = retention::scan_due(input, query, sink);
    flush();
    context.out->flush();
    if (!context.options.quiet)
        *context.err << fmt::format("gdprctl: {} of {} record{} past {} (as of {}){}\n", counts.due, counts.records,
                                    counts.records == 1 ? "" : "s", query.period.to_string(), query.as_of.to_string(),
                                    counts.bad ? fmt::format("; {} unreadable", counts.bad) : std::string());
    if (counts.bad) context.exit_code = 1;
}

void add_due(CLI::App& group, Context& context) {
    auto options = std::make_shared<DueOptions>();
    auto* command = group.add_subcommand("due", "Which records of an export are past their retention period");
    command->add_option("--system", options->system, "The system the export comes from")->required();
    command
        ->add_option("--data", options->data,
                     "The data category whose retention rule applies (a parent's rule "
                     "covers it)")
        ->required()
        ->type_name("CATEGORY");
    command
        ->add_option("--timestamp-column", options->timestamp_column,
                     "The column (CSV header name or JSON member) holding the date the period runs from")
        ->required()
        ->type_name("COLUMN");
    command
        ->add_option("--id-column", options->id_column,
                     "Print this column of each due record; without it, the whole records (CSV: with the header)")
        ->type_name("COLUMN");
    command
        ->add_option("--input-format", options->input_format,
                     "csv or jsonl (default: jsonl for *.jsonl and *.ndjson, csv otherwise)")
        ->type_name("FORMAT");
    command->add_option("FILE", options->file, "The export: CSV with a header row, or JSON Lines; - for standard input")
        ->required();
    command->footer(
        "The period is the rule of the register for that system and category. It runs from the record's\n"
        "date and ends at the end of the same date that many years, months and days later, on the month's\n"
        "last day when that date does not exist; there is no weekend or holiday roll. A record is due from\n"
        "the day after (GDPR Art. 5(1)(e)): kept P1Y from 2024-02-29, it is due from 2025-03-01.\n"
        "Timestamps: YYYY-MM-DD, or an ISO 8601 date-time (the date is taken as written).\n"
        "Reads the export once, in constant memory. Rows with a missing or unreadable timestamp are reported\n"
        "on standard error as FILE:LINE (their values are not printed) and make the exit code 1, after every\n"
        "due record has been printed. Due ids are printed as they are in the export, one per line.\n"
        "Exit codes: 0 every row read, 1 some rows unreadable, 2 usage error (unknown system, category or\n"
        "column, no rule, undetermined period, unreadable file).\n"
        "Examples:\n"
        "  gdprctl retention due --system crm --data contact.email --timestamp-column closed_at \\\n"
        "      --id-column customer_id customers.csv | xargs -r -n 500 ./delete-customers\n"
        "  ./export-events.sh | gdprctl retention due --system website --data online --timestamp-column at \\\n"
        "      --input-format jsonl --as-of 2026-12-01 -");
    command->callback([options, &context] { run_due(*options, context); });
}

struct SweepOptions {
    bool dry_run = false;
};

void run_sweep(const SweepOptions& options, Context& context) {
    const auto& format = output::choose_format(output::sweep_formats(), context.options.format);
    const auto settings = workspace_settings(context);
    const auto zone = workspace_zone(context);
    retention::SweepResult result;
    if (options.dry_run) {
        // A dry run reads: it never creates a store, and may look ahead with --as-of.
        auto store = open_store(context, StoreAccess::read);
        result = retention::sweep_dry_run(*store, settings.store_retention, context.now(), zone);
    } else {
        auto store = open_store(context);
        result = retention::sweep_store(*store, settings.store_retention, change_stamp(context), zone);
    }
    format.write(*context.out, result);
    if (!result.purge.complete) report_pending_purge(context, "deletion", result.purge);
}

void add_sweep(CLI::App& group, Context& context) {
    auto options = std::make_shared<SweepOptions>();
    auto* command = group.add_subcommand("sweep", "Delete the store's own records that are past their retention");
    command->add_flag("--dry-run", options->dry_run, "Count what would be deleted; change nothing");
    add_backdate_option(*command, context);
    command->footer(fmt::format(
        "Applies gdpr.yaml settings.store_retention to the operational store (GDPR Art. 5(1)(e) storage\n"
        "limitation). Each period runs from a record's date (default P5Y each; why in docs/review.md):\n"
        "  requests  closed data-subject requests with their tasks, from the day they were closed;\n"
        "  consents  withdrawn consents: every event of one person's consent to a purpose whose latest\n"
        "            event is a withdrawal, with the withdrawal's tasks, from the withdrawal (the proof\n"
        "            of consent and of its withdrawal, Art. 7(1) and 7(3), is kept that long, then goes);\n"
        "            a withdrawal whose tasks are still open is kept until they are done;\n"
        "  breaches  closed breaches with their notifications (the Art. 33(5) documentation), from closing.\n"
        "A period is counted as `retention due` counts it: kept P5Y from 2021-02-28, a record goes from\n"
        "2026-03-01 (days end at midnight in settings.timezone).\n"
        "Deletion is irrecoverable, as `subject erase` does it: the freed bytes are overwritten and the\n"
        "write-ahead log is emptied (PostgreSQL: VACUUM FULL, and the command says what remains, see\n"
        "docs/deployment.md); deleted numbers are never given again. One `retention.sweep` event\n"
        "records the counts (never which records; `audit verify` checks that the missing requests add up\n"
        "to them), also when nothing was due.\n"
        "The date is today (or --as-of, checked like every store change); --dry-run only counts, and may\n"
        "look ahead with --as-of. {}\n"
        "Exit codes: 0 swept, 2 usage or environment error (a problem in settings.store_retention, named\n"
        "with its place; also when another process kept the write-ahead log from being emptied: the next\n"
        "change to the store completes it; on PostgreSQL, when this role may not rewrite the tables:\n"
        "their owner runs the VACUUM (FULL) the command names).\n"
        "Examples:\n"
        "  gdprctl retention sweep --dry-run --as-of 2027-01-01\n"
        "  gdprctl retention sweep -q --format json >> sweep.log   # nightly, from cron",
        output::formats_help(output::sweep_formats())));
    command->callback([options, &context] { run_sweep(*options, context); });
}

}  // namespace

void setup_retention(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("retention", "Retention periods: the table, what is past them, the store's sweep");
    group->require_subcommand(1);
    add_schedule(*group, context);
    add_due(*group, context);
    add_sweep(*group, context);
}

}  // namespace gdprctl::cli
