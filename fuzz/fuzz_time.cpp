// The date, date-time and duration parsers: never crash, accept only 0001-9999 and capped
// durations, and what they accept prints back to text that parses to the same value.
#include "time/date.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gdprctl::time;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto date = parse_date(text)) {
        if (!in_range(*date)) std::abort();
        auto again = parse_date(date->to_string());
        if (!again || *again != *date) std::abort();
    }
    if (auto instant = parse_datetime(text)) {
        auto again = parse_datetime(instant->to_string());
        if (in_range(instant->date()) && (!again || *again != *instant)) std::abort();
    }
    if (auto duration = parse_duration(text)) {
        if (duration->approx_days() > max_duration_days) std::abort();
        auto again = parse_duration(duration->to_string());
        if (!again || again->approx_days() != duration->approx_days()) std::abort();
        // Adding the longest accepted duration to the last representable date must not wrap.
        auto end = add(Date::from_ymd(9999, 12, 31), *duration);
        if (end.year() < 9999) std::abort();
    }
    return 0;
}
