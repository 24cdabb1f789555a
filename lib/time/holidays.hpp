#pragma once

#include "time/date.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

// Built-in public-holiday calendars, one per country, for the working-day roll of Regulation
// 1182/71 Art. 3(4). Adding a country is one function and one row of `country_calendars()`.
namespace gdprctl::time {

struct Holiday {
    Date date;
    std::string name;
    std::string source;  // the provision or decree that makes it a holiday
};

// A day equated with a public holiday by a published decree, kept as data because it is not
// computable: each decree picks its days for a few years at a time.
struct DecreedDay {
    int year;
    unsigned month;
    unsigned day;
    std::string_view decree;
};

struct CountryCalendar {
    std::string_view country;  // ISO 3166-1 alpha-2
    std::string_view law;      // where the list of holidays comes from
    // The holidays the statute computes for `year` (fixed days and Easter-based ones).
    std::vector<Holiday> (*statutory)(int year);
    // Days equated by decree; the calendar covers exactly the years these decrees were published for.
    std::span<const DecreedDay> decreed;
    int first_covered_year;
    int last_covered_year;

    bool covers(int year) const { return year >= first_covered_year && year <= last_covered_year; }
    // Every holiday of `year`, statutory and decreed, in date order.
    std::vector<Holiday> holidays_in(int year) const;
};

// Western (Gregorian) Easter Sunday of `year` (the anonymous Gregorian algorithm).
Date easter_sunday(int year);

// The built-in calendar for an ISO country code (case-insensitive), or nullptr.
const CountryCalendar* find_country_calendar(std::string_view country);
// Every built-in calendar, for help texts and docs.
std::span<const CountryCalendar> country_calendars();

}  // namespace gdprctl::time
