#pragma once

#include "model/register.hpp"

#include <string>
#include <vector>

// The register's whole retention table (GDPR Art. 5(1)(e) storage limitation, Art. 30(1)(f)
// erasure time limits): one row per retention rule, plus one row per system for the categories it
// keeps without any rule, so that a gap is a row of the table and not an absence.
namespace gdprctl::retention {

enum class RowStatus { set, undetermined, invalid, missing };
std::string_view to_string(RowStatus status);

struct ScheduleRow {
    std::string system;
    std::string system_name;
    std::string owner;
    std::vector<std::string> data;
    RowStatus status = RowStatus::set;
    std::string period;  // ISO 8601 duration when set; empty otherwise
    std::string after;   // the event the period runs from
    std::string action;  // delete | anonymise (as written in the register); empty for a missing row
    std::string reason;
    std::string file;  // register file and line of the rule (or the system, for a missing row)
    int line = 0;
};

struct Schedule {
    std::vector<ScheduleRow> rows;  // in register order: systems, then their rules, then the gap
    std::size_t gaps() const;       // rows that are undetermined, invalid or missing
};

Schedule build_schedule(const model::Register& reg);

}  // namespace gdprctl::retention
