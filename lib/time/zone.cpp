#include "time/zone.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sys/stat.h>

namespace gdprctl::time {
namespace {

using namespace std::chrono;

constexpr std::string_view kUtcNames[] = {"UTC", "Etc/UTC", "Z", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"};

bool is_utc_name(std::string_view name) {
    return std::find(std::begin(kUtcNames), std::end(kUtcNames), name) != std::end(kUtcNames);
}

// IANA names are made of letters, digits and "/_+-" (e.g. America/Port-au-Prince, Etc/GMT+5),
// never start with "/" and never contain a "." component: nothing can walk out of zoneinfo.
bool plausible_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
              c == '+' || c == '-'))
            return false;
    return name.find("//") == std::string_view::npos;
}

// A regular file (links are resolved inside the zoneinfo tree; Debian uses some) beginning "TZif".
bool is_tzif_file(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

// glibc reads TZ when tzset() sees a new value; keep the last one so that a run of conversions in
// one zone (an import of a million rows) selects it once.
void select_zone_file(const std::filesystem::path& file) {
    static std::string selected;
    std::string wanted = ":" + file.string();
    if (wanted == selected) return;
    ::setenv("TZ", wanted.c_str(), 1);
    ::tzset();
    selected = std::move(wanted);
}

std::tm broken_down(const std::filesystem::path& file, std::int64_t epoch) {
    std::tm parts{};
    auto t = static_cast<std::time_t>(epoch);
    if (file.empty()) {
        ::gmtime_r(&t, &parts);
    } else {
        select_zone_file(file);
        ::localtime_r(&t, &parts);
    }
    return parts;
}

std::int64_t local_as_if_utc(const LocalDateTime& local) {
    return (sys_seconds{local.date.days()} + hours{local.hour} + minutes{local.minute} + seconds{local.second})
        .time_since_epoch()
        .count();
}

bool parse_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

}  // namespace

std::string LocalDateTime::to_string() const {
    return fmt::format("{}T{:02}:{:02}:{:02}", date.to_string(), hour, minute, second);
}

std::filesystem::path zoneinfo_dir() {
    if (const char* dir = std::getenv("TZDIR"); dir && *dir) return dir;
    return "/usr/share/zoneinfo";
}

std::vector<std::string> known_zone_names() {
    std::vector<std::string> names{"UTC"};
    for (const char* table : {"zone1970.tab", "zone.tab"}) {
        std::ifstream in(zoneinfo_dir() / table);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            // country-codes <TAB> coordinates <TAB> TZ [<TAB> comments]
            auto first = line.find('\t');
            auto second = first == std::string::npos ? first : line.find('\t', first + 1);
            if (second == std::string::npos) continue;
            auto end = line.find('\t', second + 1);
            names.push_back(line.substr(second + 1, end == std::string::npos ? std::string::npos : end - second - 1));
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Zone Zone::utc() { return Zone{"UTC", {}}; }

Zone Zone::load(std::string_view name) { return load(name, "time zone"); }

Zone Zone::load(std::string_view name, std::string_view origin) {
    if (is_utc_name(name)) return Zone{std::string(name), {}};
    if (plausible_zone_name(name)) {
        auto file = zoneinfo_dir() / std::string(name);
        if (is_tzif_file(file)) return Zone{std::string(name), file};
    }
    const auto names = known_zone_names();
    std::vector<std::string_view> candidates(names.begin(), names.end());
    auto hint = diag::did_you_mean(name, candidates);
    if (hint.empty())
        hint = names.size() > 1
                   ? "write an IANA name such as Europe/Amsterdam or UTC (the list is in " +
                         (zoneinfo_dir() / "zone1970.tab").string() + ")"
                   : "no zoneinfo found in " + zoneinfo_dir().string() + ": install the tzdata package";
    throw UsageError(fmt::format("{} `{}` is not a known IANA time zone", origin, name), hint);
}

long Zone::offset_at(DateTime instant) const {
    if (is_utc()) return 0;
    return broken_down(file_, instant.epoch_seconds()).tm_gmtoff;
}

LocalDateTime Zone::to_local(DateTime instant) const {
    const auto shifted = instant.time_point() + seconds{offset_at(instant)};
    const auto day = floor<days>(shifted);
    const hh_mm_ss hms{shifted - day};
    return {Date{year_month_day{day}}, static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
}

DateTime Zone::to_utc(const LocalDateTime& local) const {
    const std::int64_t wall = local_as_if_utc(local);
    if (is_utc()) return DateTime{sys_seconds{seconds{wall}}};
    // The offsets in force a day either side of the reading cover every rule change near it
    // (zones change their offset at most once in a day). A candidate is right when the offset
    // in force at the instant it gives is the offset it was computed with.
    std::optional<std::int64_t> best;
    for (std::int64_t probe : {wall - 86400, wall + 86400}) {
        const long offset = broken_down(file_, probe).tm_gmtoff;
        const std::int64_t candidate = wall - offset;
        if (broken_down(file_, candidate).tm_gmtoff == offset && (!best || candidate < *best)) best = candidate;
    }
    if (!best) {
        const long before = broken_down(file_, wall - 86400).tm_gmtoff;
        const long after = broken_down(file_, wall + 86400).tm_gmtoff;
        throw UsageError(fmt::format("{} does not exist in {}: the clocks moved from UTC{:+03}:{:02} to UTC{:+03}:{:02} "
                                     "that night",
                                     local.to_string(), name_, before / 3600, std::abs(before % 3600) / 60,
                                     after / 3600, std::abs(after % 3600) / 60),
                         "add the offset that was meant, e.g. " + local.to_string() +
                             fmt::format("{:+03}:{:02}", before / 3600, std::abs(before % 3600) / 60));
    }
    return DateTime{sys_seconds{seconds{*best}}};
}

bool has_utc_offset(std::string_view text) {
    if (text.size() <= 10) return false;
    if (text.back() == 'Z') return true;
    if (text.size() >= 6) {
        char sign = text[text.size() - 6];
        return (sign == '+' || sign == '-') && text[text.size() - 3] == ':';
    }
    return false;
}

std::optional<DateTime> parse_instant(std::string_view text, const Zone& zone) {
    if (has_utc_offset(text) || zone.is_utc()) return parse_datetime(text);
    // Validate with the strict parser first (it reads the text as UTC), then re-read the fields.
    if (!parse_datetime(text)) return std::nullopt;
    LocalDateTime local;
    local.date = *parse_date(text.substr(0, 10));
    if (text.size() > 10) {
        parse_digits(text, 11, 2, local.hour);
        parse_digits(text, 14, 2, local.minute);
        if (text.size() > 16) parse_digits(text, 17, 2, local.second);
    }
    return zone.to_utc(local);
}

}  // namespace gdprctl::time
