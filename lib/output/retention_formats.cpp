#include "output/retention_formats.hpp"
#include "output/terminal.hpp"

#include "output/csv.hpp"
#include "output/json_writer.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace gdprctl::output {
namespace {

using retention::RowStatus;
using retention::Schedule;
using retention::ScheduleRow;

std::string period_cell(const ScheduleRow& row) {
    switch (row.status) {
        case RowStatus::set:
            return row.period;
        case RowStatus::undetermined:
            return "undetermined";
        case RowStatus::invalid:
            return "invalid";
        case RowStatus::missing:
            return "none";
    }
    return row.period;
}

std::string joined(const std::vector<std::string>& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

// Terminal text: one escaper for every text writer (control and bidi characters never reach the
// terminal raw).
std::string printable(std::string_view text) { return terminal_escape(text); }

void write_text(std::ostream& out, const Schedule& schedule) {
    std::vector<std::array<std::string, 6>> cells;
    cells.push_back({"SYSTEM", "DATA", "PERIOD", "AFTER", "ACTION", "REASON"});
    for (const auto& row : schedule.rows)
        cells.push_back({printable(row.system), printable(joined(row.data)), printable(period_cell(row)),
                         printable(row.after), printable(row.action), printable(row.reason)});
    std::array<std::size_t, 6> width{};
    for (const auto& line : cells)
        for (std::size_t i = 0; i < 5; ++i) width[i] = std::max(width[i], line[i].size());
    std::string text;
    for (const auto& line : cells) {
        std::string row;
        for (std::size_t i = 0; i < 6; ++i) {
            row += line[i];
            if (i < 5) row += std::string(width[i] - line[i].size() + 2, ' ');
        }
        while (!row.empty() && row.back() == ' ') row.pop_back();
        text += row + "\n";
    }
    if (schedule.rows.empty()) text += "(no system of the register holds personal data)\n";
    if (auto gaps = schedule.gaps())
        text +=
            fmt::format("\n{} row{} without a determined period (GDPR Art. 5(1)(e), 30(1)(f)); run `gdprctl check`.\n",
                        gaps, gaps == 1 ? "" : "s");
    out << text;
}

void write_json(std::ostream& out, const Schedule& schedule) {
    JsonWriter json(out);
    json.begin_object();
    json.key("rows").begin_array();
    for (const auto& row : schedule.rows) {
        json.begin_object();
        json.field("system", row.system);
        json.field("system_name", row.system_name);
        json.field("owner", row.owner);
        json.strings("data", row.data);
        json.field("status", retention::to_string(row.status));
        json.key("period");
        if (row.status == RowStatus::set)
            json.value(row.period);
        else
            json.null();
        json.field("after", row.after);
        json.field("action", row.action);
        json.field("reason", row.reason);
        json.field("file", row.file);
        json.field("line", row.line);
        json.end_object();
    }
    json.end_array();
    json.field("gaps", schedule.gaps());
    json.end_object();
    out << "\n";
}

void write_csv(std::ostream& out, const Schedule& schedule) {
    std::string text = csv_row({"system", "data", "period", "after", "action", "reason", "status"});
    for (const auto& row : schedule.rows)
        text += csv_row({row.system, joined(row.data), period_cell(row), row.after, row.action, row.reason,
                         std::string(retention::to_string(row.status))});
    out << text;
}

void write_md(std::ostream& out, const Schedule& schedule) {
    std::string text = "| System | Data | Period | After | Action | Reason |\n|---|---|---|---|---|---|\n";
    for (const auto& row : schedule.rows) {
        std::vector<std::string> data;
        for (const auto& key : row.data) data.push_back(report::md_code(key));
        auto period =
            row.status == RowStatus::set ? report::md_code(row.period) : fmt::format("**{}**", period_cell(row));
        text += fmt::format("| {} | {} | {} | {} | {} | {} |\n", report::md_code(row.system), fmt::join(data, ", "),
                            period, report::md_escape(report::humanise_keyword(row.after)),
                            report::md_escape(row.action), report::md_escape(row.reason));
    }
    out << text;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
}

void write_sweep_text(std::ostream& out, const retention::SweepResult& result) {
    std::string text = fmt::format("retention sweep of the store as of {}{}\n", result.as_of.to_string(),
                                   result.dry_run ? " (dry run: nothing deleted)" : "");
    for (const auto& area : result.areas) {
        text += fmt::format("  {} {} ({}) {} on or before {}: kept {} from {} ({}settings.store_retention.{})\n",
                            result.dry_run ? "would delete" : "deleted", plural(area.counts.records, area.one, area.many),
                            plural(area.counts.dependents, area.dependent_one, area.dependents), area.dated,
                            area.last_day.to_string(), area.period.to_string(), area.runs_from,
                            area.period_is_default ? "the default; " : "", area.name);
    }
    if (!result.dry_run) text += "  counts recorded in the audit trail (retention.sweep)\n";
    if (!result.purge.remains.empty())
        text += fmt::format("  copies of the deleted data remain in {}\n", result.purge.remains);
    out << text;
}

void write_sweep_json(std::ostream& out, const retention::SweepResult& result) {
    JsonWriter json(out);
    json.begin_object();
    json.field("as_of", result.as_of.to_string());
    json.field("dry_run", result.dry_run);
    json.key("areas").begin_array();
    for (const auto& area : result.areas) {
        json.begin_object();
        json.field("area", area.name);
        json.field("period", area.period.to_string());
        json.field("default_period", area.period_is_default);
        json.field("runs_from", area.runs_from);
        json.field("through", area.last_day.to_string());
        json.field(result.dry_run ? "would_delete" : "deleted", area.counts.records);
        json.field(area.dependents, area.counts.dependents);
        json.end_object();
    }
    json.end_array();
    json.field("purged", result.purge.complete);
    if (!result.purge.remains.empty()) json.field("remains", result.purge.remains);
    json.end_object();
    out << "\n";
}

constexpr Format<ScheduleWriter> schedule_rows[]{
    {"text", "", write_text},
    {"json", "", write_json},
    {"csv", "cells are neutralised against spreadsheet formulas", write_csv},
    {"md", "", write_md},
};
constexpr Format<SweepWriter> sweep_rows[]{
    {"text", "", write_sweep_text},
    {"json", "", write_sweep_json},
};
}  // namespace

FormatTable<ScheduleWriter> schedule_formats() { return schedule_rows; }
FormatTable<SweepWriter> sweep_formats() { return sweep_rows; }

}  // namespace gdprctl::output
