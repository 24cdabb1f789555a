#include "store/change_time.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace gdprctl::store {

void require_reason(std::string_view text, std::string_view option, std::string_view purpose) {
    const auto first = std::find_if(text.begin(), text.end(), [](unsigned char c) { return !std::isspace(c); });
    const auto last = std::find_if(text.rbegin(), text.rend(), [](unsigned char c) { return !std::isspace(c); }).base();
    const auto length = first < last ? static_cast<std::size_t>(last - first) : 0;
    if (length == 0)
        throw UsageError(fmt::format("{} needs a reason ({})", option, purpose),
                         fmt::format("pass {} \"...\": a sentence someone can act on", option));
    if (length < min_reason_length)
        throw UsageError(fmt::format("{} `{}` is not a reason: write at least {} characters ({})", option,
                                     std::string_view(&*first, length), min_reason_length, purpose),
                         fmt::format("e.g. {} \"identity could not be verified\"", option));
}

void require_not_before(time::DateTime at, time::DateTime fact, std::string_view change, std::string_view what) {
    if (at < fact)
        throw Refusal(fmt::format("{} would be dated {}, before {} ({})", change, at.to_string(), what,
                                  fact.to_string()),
                      "date the change on or after the facts it depends on (--as-of)");
}

void require_fact_not_after(time::DateTime fact, const ChangeStamp& stamp, std::string_view option) {
    const auto latest = std::min(stamp.at, stamp.recorded_at);
    if (fact > latest)
        throw UsageError(fmt::format("{} {} is later than now ({})", option, fact.to_string(), latest.to_string()),
                         fmt::format("{} records something that has already happened; check the date and its offset",
                                     option));
}

ChangeStamp stamp_under_lock(const ChangeStamp& stamp) {
    ChangeStamp fresh = stamp;
    if (!stamp.recorded_from_clock) return fresh;
    fresh.recorded_at = std::max(stamp.recorded_at, time::DateTime::now());
    if (stamp.at_from_clock) fresh.at = std::max(stamp.at, fresh.recorded_at);
    return fresh;
}

ChangeStamp checked_stamp(const ChangeStamp& stamp, std::optional<time::DateTime> newest_event) {
    ChangeStamp checked = stamp;
    const auto at = stamp.at.time_point();
    const auto real = stamp.recorded_at.time_point();
    if (at > real + backdate_tolerance)
        throw Refusal(fmt::format("this change would be dated {}, after the real time {}: changes cannot be dated "
                                  "in the future",
                                  stamp.at.to_string(), stamp.recorded_at.to_string()),
                      "drop --as-of to date the change now");
    std::string why;
    if (newest_event && stamp.at < *newest_event)
        why = fmt::format("before the newest audit event ({})", newest_event->to_string());
    else if (at < real - backdate_tolerance)
        why = fmt::format("more than a day before the real time ({})", stamp.recorded_at.to_string());
    if (why.empty()) {
        checked.backdate_reason.clear();
        return checked;
    }
    if (stamp.backdate_reason.empty())
        throw Refusal(fmt::format("this change would be dated {}, {}; a backdated change is recorded only with "
                                  "--backdate REASON",
                                  stamp.at.to_string(), why),
                      "drop --as-of to date the change now, or pass --backdate \"why it is recorded late\": the "
                      "reason and both times go into the audit trail");
    require_reason(stamp.backdate_reason, "--backdate", "why the change is recorded after the fact");
    return checked;
}

}  // namespace gdprctl::store
