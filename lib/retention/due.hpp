#pragma once

#include "io/byte_source.hpp"
#include "model/register.hpp"
#include "time/date.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// Which records of an export have outlived their retention period (GDPR Art. 5(1)(e)): the
// period runs from the record's timestamp date and ends at the end of the same date that many
// years/months/days later, clamped to the month's last day (Regulation 1182/71 Art. 3 counting,
// without its weekend and holiday roll, which is for acts and not for keeping data); the record
// is due from the next day. Kept one year from 2024-02-29: the period ends at the end of
// 2025-02-28 and the record is due from 2025-03-01.
namespace gdprctl::retention {

// End of the retention period of a record dated `from` (the last day it may be kept).
time::Date period_end(time::Date from, const time::Duration& period);
// Whether a record dated `from` is due for deletion or anonymisation on `as_of`.
bool is_due(time::Date from, const time::Duration& period, time::Date as_of);
// The latest record date that is due on `as_of`: since period_end is monotonic, a record is due
// exactly when its date is on or before this one, which spares the calendar arithmetic per row.
time::Date latest_due_date(const time::Duration& period, time::Date as_of);

// The rule of `system` that says how long `data` is kept: among the rules naming it or a parent,
// the most specific; of equally specific ones, the longest period. UsageError when the system or
// category is unknown, no rule covers it, or its period is undetermined.
struct AppliedRule {
    const model::RetentionRule* rule = nullptr;
    time::Duration period;
};
AppliedRule applicable_rule(const model::Register& reg, std::string_view system, std::string_view data);

// A record's timestamp: YYYY-MM-DD, optionally followed by T or a space and a time of day
// (HH:MM[:SS[.fraction]]) with an optional Z or +HH:MM offset. The date is taken as written.
std::optional<time::Date> parse_record_date(std::string_view text);

enum class InputFormat { csv, jsonl };
// --input-format; without it, a name ending in .jsonl or .ndjson is JSONL and anything else CSV.
std::optional<InputFormat> parse_input_format(std::string_view text);

struct DueQuery {
    std::string name;  // the FILE argument, as printed in FILE:LINE messages
    std::optional<InputFormat> format;
    std::string timestamp_column;
    std::string id_column;  // empty: print whole records
    time::Duration period;
    time::Date as_of;
};

// Where the results go: due ids or records (one per call, without a line ending) and bad rows.
struct DueSink {
    std::function<void(std::string_view)> due;
    std::function<void(std::size_t line, std::string_view message)> bad;
};

struct DueCounts {
    std::size_t records = 0;
    std::size_t due = 0;
    std::size_t bad = 0;
};

// Streams `input` once, in constant memory. A missing header column is a UsageError (exit 2)
// with a "did you mean"; bad rows go to `sink.bad` and are counted.
DueCounts scan_due(io::ByteSource& input, const DueQuery& query, const DueSink& sink);

}  // namespace gdprctl::retention
