#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gdprctl::time {

// A calendar date (proleptic Gregorian, no time zone): what the register and deadlines speak in.
class Date {
public:
    Date() = default;
    explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
    static Date from_ymd(int year, unsigned month, unsigned day);

    std::chrono::year_month_day ymd() const { return ymd_; }
    int year() const { return static_cast<int>(ymd_.year()); }
    unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
    unsigned day() const { return static_cast<unsigned>(ymd_.day()); }
    std::chrono::sys_days days() const { return std::chrono::sys_days{ymd_}; }
    std::chrono::weekday weekday() const { return std::chrono::weekday{days()}; }
    bool is_weekend() const;

    Date plus_days(long days) const;
    std::string to_string() const;  // YYYY-MM-DD

    friend bool operator==(const Date& a, const Date& b) { return a.days() == b.days(); }
    friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
        return a.days().time_since_epoch().count() <=> b.days().time_since_epoch().count();
    }

private:
    std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
};

// A UTC instant with second precision: what breach clocks and audit events speak in.
class DateTime {
public:
    DateTime() = default;
    explicit DateTime(std::chrono::sys_seconds at) : at_(at) {}
    static DateTime start_of(Date date) { return DateTime{std::chrono::sys_seconds{date.days()}}; }
    static DateTime now();

    std::chrono::sys_seconds time_point() const { return at_; }
    std::int64_t epoch_seconds() const { return at_.time_since_epoch().count(); }
    Date date() const { return Date{std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(at_)}}; }
    std::string to_string() const;  // YYYY-MM-DDTHH:MM:SSZ

    friend bool operator==(const DateTime&, const DateTime&) = default;
    friend auto operator<=>(const DateTime&, const DateTime&) = default;

private:
    std::chrono::sys_seconds at_{};
};

// Strict ISO 8601 calendar date: exactly YYYY-MM-DD and a day that exists (2026-02-30 fails).
std::optional<Date> parse_date(std::string_view text);

// The calendar gdprctl reads and writes: four-digit years, 0001 to 9999. Dates outside it are
// refused when parsed and never stored (a due date of 10000-01-31 could not be read back).
inline constexpr int min_year = 1;
inline constexpr int max_year = 9999;
bool in_range(Date date);

// YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]; a bare date means its start (00:00Z).
std::optional<DateTime> parse_datetime(std::string_view text);

// ISO 8601 duration: PnYnMnWnD with an optional time part TnHnMnS. Components are kept apart
// because "one month" is not a number of days (Regulation 1182/71 Art. 3).
struct Duration {
    int years = 0;
    int months = 0;
    int days = 0;  // weeks are folded into days
    std::int64_t seconds = 0;

    bool is_zero() const { return years == 0 && months == 0 && days == 0 && seconds == 0; }
    int total_months() const { return years * 12 + months; }
    // An upper bound in days (31 per month, 366 per year) for comparisons against caps.
    long approx_days() const;
    std::string to_string() const;  // canonical ISO 8601 form, e.g. P1Y6M, PT24H
    friend bool operator==(const Duration&, const Duration&) = default;
};

// Refused: a component above max_duration_component, or a whole above max_duration_days (1000
// years, longer than any retention period or review interval).
inline constexpr std::int64_t max_duration_component = 100000;
inline constexpr long max_duration_days = 366L * 1000;
std::optional<Duration> parse_duration(std::string_view text);

// Adds months with the month-end clamp (Jan 31 + 1 month = Feb 28/29), then days.
Date add_months_clamped(Date from, int months);
Date add(Date from, const Duration& duration);
DateTime add(DateTime from, const Duration& duration);

}  // namespace gdprctl::time
