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

constexpr Format<ScheduleWriter> schedule_rows[]{
    {"text", "", write_text},
    {"json", "", write_json},
    {"csv", "cells are neutralised against spreadsheet formulas", write_csv},
    {"md", "", write_md},
};
}  // namespace

FormatTable<ScheduleWriter> schedule_formats() { return schedule_rows; }

}  // namespace gdprctl::output
