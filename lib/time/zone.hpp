#pragma once

#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::time {

// A wall-clock reading with no zone attached: what a person types without an offset.
struct LocalDateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;

    std::string to_string() const;  // YYYY-MM-DDTHH:MM:SS
    friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

// An IANA time zone read from the system's zoneinfo (Debian's tzdata), the one owner of every
// conversion between local wall-clock time and UTC instants. GCC 12 has no std::chrono tzdb, so the
// rules come from glibc reading the zone's TZif file: the file is validated here (name, location
// inside the zoneinfo folder, TZif magic), then selected with TZ=:<file> for localtime_r. That
// switch is process-wide, which is fine for a single-threaded CLI; UTC never touches it.
class Zone {
public:
    // UTC, the default when settings.timezone is not set.
    static Zone utc();
    // An IANA name such as "Europe/Amsterdam". An unknown or malformed name is a UsageError (exit 2)
    // with a did-you-mean from the zoneinfo's zone tables.
    static Zone load(std::string_view name);
    // Same, naming where the name came from in the message (e.g. "gdpr.yaml settings.timezone").
    static Zone load(std::string_view name, std::string_view origin);

    const std::string& name() const { return name_; }
    bool is_utc() const { return file_.empty(); }

    // Seconds east of UTC in force at `instant` (3600 for Amsterdam in winter, 7200 in summer).
    long offset_at(DateTime instant) const;
    LocalDateTime to_local(DateTime instant) const;
    // The instant a local reading denotes. In the autumn overlap (a reading that happens twice) the
    // earlier instant is taken, so a deadline counted from it is never later than the law's. In the
    // spring gap (a reading that never happens) it throws UsageError naming the gap: the caller must
    // say which instant was meant by adding an offset.
    DateTime to_utc(const LocalDateTime& local) const;
    // The calendar date in this zone at `instant`, and today (per --as-of or the clock) here.
    Date date_at(DateTime instant) const { return to_local(instant).date; }

private:
    Zone(std::string name, std::filesystem::path file) : name_(std::move(name)), file_(std::move(file)) {}
    std::string name_;
    std::filesystem::path file_;  // empty for UTC
};

// The folder of the system's zoneinfo: $TZDIR when set, else /usr/share/zoneinfo.
std::filesystem::path zoneinfo_dir();
// The zone names listed by the zoneinfo's zone tables (zone1970.tab, zone.tab) plus UTC, sorted.
std::vector<std::string> known_zone_names();

// An ISO 8601 time stamp as typed on the command line or in an import: YYYY-MM-DD[THH:MM[:SS]]
// with an optional Z or +HH:MM/-HH:MM. With an offset it is that instant; without one it is a
// wall-clock reading in `zone` (a bare date is that day's start there). nullopt when malformed;
// UsageError when it falls in a daylight-saving gap of `zone`.
std::optional<DateTime> parse_instant(std::string_view text, const Zone& zone);

// Whether the text carries its own offset (Z, +HH:MM, -HH:MM).
bool has_utc_offset(std::string_view text);

}  // namespace gdprctl::time
