#include "time/date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace gdprctl::time {
namespace {

using namespace std::chrono;

bool parse_fixed_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

std::optional<Date> parse_date_prefix(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!parse_fixed_digits(text, 0, 4, y) || !parse_fixed_digits(text, 5, 2, m) ||
        !parse_fixed_digits(text, 8, 2, d))
        return std::nullopt;
    if (y < min_year) return std::nullopt;  // four digits already bound it by max_year
    year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{ymd};
}

}  // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
    return Date{year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

bool Date::is_weekend() const {
    auto wd = weekday();
    return wd == Saturday || wd == Sunday;
}

Date Date::plus_days(long n) const { return Date{year_month_day{days() + std::chrono::days{n}}}; }

namespace {
// `width` decimal digits of `value`, zero-padded, at `out`. Dates are formatted by hand: a bulk
// import formats one or two per row, and fmt's format-string handling cost more than the rest of
// the row's insert (callgrind, bench/RESULTS.md).
void put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}
}  // namespace

std::string Date::to_string() const {
    if (year() < 0 || year() > 9999) return fmt::format("{:04}-{:02}-{:02}", year(), month(), day());
    std::string text(10, '-');
    put_digits(text.data(), static_cast<unsigned>(year()), 4);
    put_digits(text.data() + 5, month(), 2);
    put_digits(text.data() + 8, day(), 2);
    return text;
}

DateTime DateTime::now() { return DateTime{floor<seconds>(system_clock::now())}; }

std::string DateTime::to_string() const {
    auto day_point = floor<std::chrono::days>(at_);
    hh_mm_ss hms{at_ - day_point};
    std::string text = date().to_string();
    const auto date_size = text.size();
    text += "T00:00:00Z";
    put_digits(text.data() + date_size + 1, static_cast<unsigned>(hms.hours().count()), 2);
    put_digits(text.data() + date_size + 4, static_cast<unsigned>(hms.minutes().count()), 2);
    put_digits(text.data() + date_size + 7, static_cast<unsigned>(hms.seconds().count()), 2);
    return text;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return parse_date_prefix(text);
}

std::optional<DateTime> parse_datetime(std::string_view text) {
    auto date = parse_date_prefix(text);
    if (!date) return std::nullopt;
    if (text.size() == 10) return DateTime::start_of(*date);
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    int hh = 0, mm = 0, ss = 0;
    std::size_t pos = 11;
    if (!parse_fixed_digits(text, pos, 2, hh) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
        !parse_fixed_digits(text, pos + 3, 2, mm))
        return std::nullopt;
    pos += 5;
    if (pos < text.size() && text[pos] == ':') {
        if (!parse_fixed_digits(text, pos + 1, 2, ss)) return std::nullopt;
        pos += 3;
    }
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    long offset_seconds = 0;
    if (pos < text.size()) {
        char sign = text[pos];
        if (sign == 'Z' && pos + 1 == text.size()) {
            // UTC
        } else if ((sign == '+' || sign == '-') && pos + 6 == text.size() && text[pos + 3] == ':') {
            int oh = 0, om = 0;
            if (!parse_fixed_digits(text, pos + 1, 2, oh) || !parse_fixed_digits(text, pos + 4, 2, om) ||
                oh > 23 || om > 59)
                return std::nullopt;
            offset_seconds = (oh * 3600L + om * 60L) * (sign == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    auto at = sys_seconds{date->days()} + hours{hh} + minutes{mm} + seconds{ss} - seconds{offset_seconds};
    return DateTime{at};
}

long Duration::approx_days() const {
    return years * 366L + months * 31L + days + static_cast<long>((seconds + 86399) / 86400);
}

std::string Duration::to_string() const {
    if (is_zero()) return "P0D";
    std::string out = "P";
    if (years) out += fmt::format("{}Y", years);
    if (months) out += fmt::format("{}M", months);
    if (days) out += fmt::format("{}D", days);
    if (seconds) {
        out += "T";
        auto h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
        if (h) out += fmt::format("{}H", h);
        if (m) out += fmt::format("{}M", m);
        if (s) out += fmt::format("{}S", s);
    }
    return out;
}

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.size() < 3 || text[0] != 'P') return std::nullopt;
    Duration d;
    bool in_time = false;
    bool any = false;
    // Designators must appear in order; ranks enforce that (Y M W D | H M S).
    int last_rank = -1;
    std::size_t i = 1;
    while (i < text.size()) {
        if (text[i] == 'T') {
            if (in_time || i + 1 == text.size()) return std::nullopt;
            in_time = true;
            ++i;
            continue;
        }
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), value);
        if (ec != std::errc{} || end == text.data() + i || end == text.data() + text.size()) return std::nullopt;
        if (value > max_duration_component) return std::nullopt;
        i = static_cast<std::size_t>(end - text.data());
        char unit = text[i++];
        int rank = 0;
        if (!in_time) {
            switch (unit) {
                case 'Y': rank = 0; d.years = static_cast<int>(value); break;
                case 'M': rank = 1; d.months = static_cast<int>(value); break;
                case 'W': rank = 2; d.days += static_cast<int>(value * 7); break;
                case 'D': rank = 3; d.days += static_cast<int>(value); break;
                default: return std::nullopt;
            }
        } else {
            switch (unit) {
                case 'H': rank = 4; d.seconds += value * 3600; break;
                case 'M': rank = 5; d.seconds += value * 60; break;
                case 'S': rank = 6; d.seconds += value; break;
                default: return std::nullopt;
            }
        }
        if (rank <= last_rank) return std::nullopt;
        last_rank = rank;
        any = true;
    }
    if (!any) return std::nullopt;
    // Weeks fold into days and hours/minutes into seconds; the folded value must still be one a
    // duration can be written back with (to_string), or a stored period would not read back.
    if (d.days > max_duration_component || d.seconds / 3600 > max_duration_component) return std::nullopt;
    // Longer than the calendar gdprctl can write (0001-9999) is a mistake, not a period: it would
    // wrap a 16-bit year or store a date that cannot be read back.
    if (d.approx_days() > max_duration_days) return std::nullopt;
    return d;
}

bool in_range(Date date) { return date.year() >= min_year && date.year() <= max_year; }

Date add_months_clamped(Date from, int months) {
    auto ym = year_month{from.ymd().year(), from.ymd().month()} + std::chrono::months{months};
    auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    auto d = from.ymd().day() > last ? last : from.ymd().day();
    return Date{year_month_day{ym.year(), ym.month(), d}};
}

Date add(Date from, const Duration& duration) {
    Date shifted = add_months_clamped(from, duration.total_months());
    return shifted.plus_days(duration.days + static_cast<long>(duration.seconds / 86400));
}

DateTime add(DateTime from, const Duration& duration) {
    auto day_point = floor<std::chrono::days>(from.time_point());
    auto time_of_day = from.time_point() - day_point;
    Date shifted = add_months_clamped(from.date(), duration.total_months()).plus_days(duration.days);
    return DateTime{sys_seconds{shifted.days()} + time_of_day + std::chrono::seconds{duration.seconds}};
}

}  // namespace gdprctl::time
