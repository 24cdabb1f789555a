#include "retention/due.hpp"

#include "errors.hpp"
#include "io/byte_source.hpp"
#include "register/loader.hpp"
#include "support/string_makers.hpp"

#include <string>
#include <tuple>
#include <vector>

using namespace gdprctl;
using time::Date;

namespace {

Date d(const char* text) {
    return *time::parse_date(text);
}
time::Duration p(const char* text) {
    return *time::parse_duration(text);
}

struct Scan {
    std::vector<std::string> due;
    std::vector<std::string> bad;
    retention::DueCounts counts;
};

Scan scan(const std::string& text, retention::InputFormat format, const char* period, const char* as_of,
          const char* id_column = "id", std::size_t chunk = 7) {
    io::StringSource source(text, chunk);
    retention::DueQuery query;
    query.name = "export";
    query.format = format;
    query.timestamp_column = "at";
    query.id_column = id_column;
    query.period = p(period);
    query.as_of = d(as_of);
    Scan result;
    retention::DueSink sink;
    sink.due = [&](std::string_view s) { result.due.emplace_back(s); };
    sink.bad = [&](std::size_t line, std::string_view message) {
        result.bad.push_back(std::to_string(line) + ": " + std::string(message));
    };
    result.counts = retention::scan_due(source, query, sink);
    return result;
}

}  // namespace

TEST_CASE("a period ends on the same date later, clamped to the month end, with no holiday roll", "[retention]") {
    // from, period, last day kept
    auto [from, period, end] = GENERATE(table<const char*, const char*, const char*>({
        {"2024-02-29", "P1Y", "2025-02-28"},   // design.md §2: leap day, one year
        {"2024-02-29", "P4Y", "2028-02-29"},   // to the next leap day
        {"2023-01-31", "P1M", "2023-02-28"},   // month end clamp
        {"2024-01-31", "P1M", "2024-02-29"},   // clamp in a leap year
        {"2022-10-31", "P50M", "2026-12-31"},  // P50M
        {"2022-09-30", "P50M", "2026-11-30"},
        {"2025-08-31", "P1Y6M", "2027-02-28"},  // years and months counted together, then clamped
        {"2025-01-15", "P1Y6M", "2026-07-15"},
        {"2026-01-31", "P30D", "2026-03-02"},  // days are days
        {"2026-02-28", "P1M", "2026-03-28"},   // a Saturday: not rolled to Monday
        {"2026-11-28", "P30D", "2026-12-28"},
    }));
    CAPTURE(from, period);
    CHECK(retention::period_end(d(from), p(period)) == d(end));
    // Due from the day after the period ends, not on its last day.
    CHECK_FALSE(retention::is_due(d(from), p(period), d(end)));
    CHECK(retention::is_due(d(from), p(period), d(end).plus_days(1)));
    // The shortcut used per row agrees with the arithmetic.
    CHECK(retention::latest_due_date(p(period), d(end).plus_days(1)) >= d(from));
    CHECK(retention::latest_due_date(p(period), d(end)) < d(from));
}

TEST_CASE("latest_due_date agrees with is_due on every day around month ends and leap days", "[retention]") {
    auto period = p(GENERATE("P1Y", "P50M", "P1Y6M", "P30D", "P1M", "P7Y"));
    for (Date as_of = d("2027-12-20"); as_of <= d("2028-03-10"); as_of = as_of.plus_days(1)) {
        auto latest = retention::latest_due_date(period, as_of);
        CAPTURE(period, as_of, latest);
        CHECK(retention::is_due(latest, period, as_of));
        CHECK_FALSE(retention::is_due(latest.plus_days(1), period, as_of));
    }
}

TEST_CASE("record timestamps: dates and ISO 8601 date-times, date taken as written", "[retention]") {
    CHECK(retention::parse_record_date("2024-02-29") == d("2024-02-29"));
    CHECK(retention::parse_record_date("2024-02-29T23:59:59Z") == d("2024-02-29"));
    CHECK(retention::parse_record_date("2024-02-29 23:59") == d("2024-02-29"));
    CHECK(retention::parse_record_date("2024-02-29T00:30:00.123+02:00") == d("2024-02-29"));
    CHECK(retention::parse_record_date("2024-02-29T00:30-0500") == d("2024-02-29"));
    CHECK(retention::parse_record_date(" 2024-02-29 ") == d("2024-02-29"));
    for (const char* bad : {"", "2023-02-29", "2024-13-01", "2024-1-01", "29/02/2024", "2024-02-29T25:00",
                            "2024-02-29T10", "2024-02-29x", "2024-02-29T10:00Zx", "yesterday", "2024-04-31"}) {
        CAPTURE(bad);
        CHECK_FALSE(retention::parse_record_date(bad));
    }
}

TEST_CASE("retention due over CSV: boundary dates, quoting, bad rows", "[retention]") {
    const std::string csv =
        "id,at,note\r\n"
        "a,2025-02-28,last day kept on 2026-02-28\r\n"
        "b,2025-03-01,\"quoted, with comma\"\r\n"
        "\"c \"\"x\"\"\",2025-02-27T23:59:59Z,\"multi\nline\"\r\n"
        "d,,empty\r\n"
        "e,2025-02-30,impossible\r\n"
        "f\r\n"
        "\r\n"
        "g,2020-01-01,\"bad\"quote\r\n"
        "h,2020-01-01,no final newline";
    auto chunk = GENERATE(std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{1} << 16);
    auto result = scan(csv, retention::InputFormat::csv, "P1Y", "2026-03-01", "id", chunk);
    CHECK(result.due == std::vector<std::string>{"a", "c \"x\"", "h"});
    CHECK(result.bad ==
          std::vector<std::string>{"6: no timestamp in `at`",
                                   "7: the value of `at` is not a date (expected YYYY-MM-DD or an ISO 8601 date-time)",
                                   "8: 1 field, but the header has 3: no `at` here",
                                   "10: text after a closing quote (RFC 4180 quoting); the record cannot be trusted"});
    CHECK(result.counts.records == 8);
    CHECK(result.counts.due == 3);
    CHECK(result.counts.bad == 4);
}

TEST_CASE("retention due without an id column prints whole records as they were, header first", "[retention]") {
    auto result = scan("id,at\n1,2020-01-01\n\"2\n2\",2020-01-01\n3,2030-01-01\n", retention::InputFormat::csv, "P30D",
                       "2026-01-01", "");
    CHECK(result.due == std::vector<std::string>{"id,at", "1,2020-01-01", "\"2\n2\",2020-01-01"});
    CHECK(result.bad.empty());
}

TEST_CASE("retention due refuses an id that would break the one-id-per-line output", "[retention]") {
    auto result = scan("id,at\n\"x\ny\",2020-01-01\n,2020-01-01\n", retention::InputFormat::csv, "P30D", "2026-01-01");
    CHECK(result.due.empty());
    CHECK(result.bad.size() == 2);
}

TEST_CASE("retention due over JSONL: string and number ids, escapes, nesting, bad lines", "[retention]") {
    const std::string jsonl =
        "{\"id\": 1, \"at\": \"2024-02-29\"}\n"
        "{\"nested\": {\"at\": \"1999-01-01\", \"l\": [1, [2, {}]]}, \"at\": \"2024-03-01\", \"id\": \"\\u00e9\\\"\"}\n"
        "{\"id\": 3, \"at\": \"2024-03-01T00:00:00+01:00\"}\n"
        "{\"id\": 4}\n"
        "{\"id\": 5, \"at\": 20240101}\n"
        "[1, 2]\n"
        "\n"
        "{\"id\": 6, \"at\": \"2024-02-28\"} trailing\n"
        "{\"at\": \"2023-01-01\"}\r\n";
    auto chunk = GENERATE(std::size_t{1}, std::size_t{1} << 16);
    auto result = scan(jsonl, retention::InputFormat::jsonl, "P1Y", "2025-03-01", "id", chunk);
    // 2024-02-29 + P1Y ends 2025-02-28: due on 2025-03-01; 2024-03-01 is kept until the end of that day.
    CHECK(result.due == std::vector<std::string>{"1"});
    CHECK(result.bad == std::vector<std::string>{
                            "4: no timestamp in `at`",
                            "5: the value of `at` is not a date string (expected \"YYYY-MM-DD\" or an ISO 8601 "
                            "date-time)",
                            "6: unreadable JSON line: not a JSON object",
                            "8: unreadable JSON line: text after the JSON object", "9: due, but it has no `id`"});
    auto later = scan(jsonl, retention::InputFormat::jsonl, "P1Y", "2025-03-02", "id", chunk);
    CHECK(later.due == std::vector<std::string>{"1", "\xc3\xa9\"", "3"});
}

TEST_CASE("the rule that applies: the most specific, and usage errors that say what to do", "[retention]") {
    auto loaded = reg::load_register(std::string(GDPRCTL_TEST_DATA) + "/retention");
    const auto& reg = loaded.reg;
    CHECK(retention::applicable_rule(reg, "shop", "contact.email").period == p("P50M"));
    CHECK(retention::applicable_rule(reg, "shop", "contact.phone").period == p("P1Y"));
    CHECK(retention::applicable_rule(reg, "shop", "financial.transactions").period == p("P1Y6M"));
    CHECK_THROWS_WITH(retention::applicable_rule(reg, "shopp", "contact.email"),
                      "the register has no system `shopp` (--system)");
    CHECK_THROWS_WITH(retention::applicable_rule(reg, "shop", "identity.name"), Catch::Contains("undetermined"));
    CHECK_THROWS_WITH(retention::applicable_rule(reg, "shop", "financial"),
                      Catch::Contains("no retention rule for `financial`"));
    CHECK_THROWS_AS(retention::applicable_rule(reg, "shop", "contact.emial"), UsageError);
}
