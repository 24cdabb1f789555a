#include "time/holidays.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace gdprctl::time {
namespace {

// ---- the Netherlands -------------------------------------------------------------------------

constexpr std::string_view nl_art_3_1 = "Algemene termijnenwet art. 3(1)";
constexpr std::string_view nl_decree_2023 =
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 met een "
    "algemeen erkende feestdag (Algemene termijnenwet art. 3(3))";
constexpr std::string_view nl_decree_2026 =
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een "
    "algemeen erkende feestdag (Algemene termijnenwet art. 3(3))";

constexpr std::array<DecreedDay, 10> nl_decreed{{
    {2023, 4, 28, nl_decree_2023},
    {2023, 5, 19, nl_decree_2023},
    {2024, 5, 10, nl_decree_2023},
    {2024, 12, 27, nl_decree_2023},
    {2025, 5, 30, nl_decree_2023},
    {2026, 1, 2, nl_decree_2026},
    {2026, 5, 15, nl_decree_2026},
    {2027, 5, 7, nl_decree_2026},
    {2028, 4, 28, nl_decree_2026},
    {2028, 5, 26, nl_decree_2026},
}};

std::vector<Holiday> netherlands(int year) {
    const Date easter = easter_sunday(year);
    const std::string law(nl_art_3_1);
    // King's Day is the King's birthday, 27 April, celebrated on the 26th when the 27th is a
    // Sunday (Wet vaststelling Koningsdag); art. 3(1) names "the day on which it is celebrated".
    Date kings_day = Date::from_ymd(year, 4, 27);
    if (kings_day.weekday() == std::chrono::Sunday) kings_day = kings_day.plus_days(-1);
    return {
        {Date::from_ymd(year, 1, 1), "New Year's Day (Nieuwjaarsdag)", law},
        {easter.plus_days(-2), "Good Friday (Goede Vrijdag)", "Algemene termijnenwet art. 3(2)"},
        {easter.plus_days(1), "Easter Monday (tweede Paasdag)", law},
        {kings_day, "King's Day (Koningsdag)", law},
        {Date::from_ymd(year, 5, 5), "Liberation Day (5 mei)", law},
        {easter.plus_days(39), "Ascension Day (Hemelvaartsdag)", law},
        {easter.plus_days(50), "Whit Monday (tweede Pinksterdag)", law},
        {Date::from_ymd(year, 12, 25), "Christmas Day (eerste Kerstdag)", law},
        {Date::from_ymd(year, 12, 26), "Boxing Day (tweede Kerstdag)", law},
    };
}

// One row per country; the covered years are those of the decrees on file.
const std::array<CountryCalendar, 1> calendars{{
    {"NL", "Algemene termijnenwet art. 3", &netherlands, nl_decreed, 2023, 2028},
}};

}  // namespace

Date easter_sunday(int year) {
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date::from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> CountryCalendar::holidays_in(int year) const {
    auto days = statutory(year);
    for (const auto& decreed_day : decreed)
        if (decreed_day.year == year)
            days.push_back({Date::from_ymd(year, decreed_day.month, decreed_day.day), "equated with a public holiday",
                            std::string(decreed_day.decree)});
    std::stable_sort(days.begin(), days.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return days;
}

const CountryCalendar* find_country_calendar(std::string_view country) {
    for (const auto& calendar : calendars)
        if (country.size() == calendar.country.size() &&
            std::equal(country.begin(), country.end(), calendar.country.begin(),
                       [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; }))
            return &calendar;
    return nullptr;
}

std::span<const CountryCalendar> country_calendars() { return calendars; }

}  // namespace gdprctl::time
