#pragma once

#include "store/store.hpp"

#include <chrono>
#include <optional>
#include <string_view>

// The time integrity of the audit trail (Art. 5(2): the record is evidence). A change is dated
// by its effective time (--as-of, or the clock) and always records the real time as well.
namespace gdprctl::store {

// How far before the real time a change may be dated without --backdate: a day, so that work done
// late in the evening can still be recorded the next morning under its own date.
inline constexpr std::chrono::hours backdate_tolerance{24};

// The stamp to record for a change, given the effective time of the trail's newest event.
// Refuses (exit 1) a change dated after the real time by more than the tolerance, and one dated
// before the newest event or more than the tolerance before the real time unless the stamp
// carries a backdate reason; the reason is kept only when the change is in fact backdated.
ChangeStamp checked_stamp(const ChangeStamp& stamp, std::optional<time::DateTime> newest_event);

// The stamp with the clock read again, for a backend that now holds its write lock: recorded_at
// when it came from the clock, and `at` as well when it did (no --as-of). Never earlier than the
// stamp's own times. Other stamps (fixed times given by a caller or a test) are returned as they are.
ChangeStamp stamp_under_lock(const ChangeStamp& stamp);

// A change is never dated before the facts it depends on: Refusal (exit 1) naming both when `at`
// (the change's effective time) is before `fact`. `change` and `what` say which, for the message.
void require_not_before(time::DateTime at, time::DateTime fact, std::string_view change, std::string_view what);

// A fact given with a fact option (`--at`, `--aware-at`...) has already happened: UsageError
// naming `option` when it lies after the change that records it or after the real time.
void require_fact_not_after(time::DateTime fact, const ChangeStamp& stamp, std::string_view option);

// A reason is what someone is told or what an auditor reads: at least a few words. UsageError
// naming `option` when `text` is blank or shorter than `min_reason_length` characters.
inline constexpr std::size_t min_reason_length = 8;
void require_reason(std::string_view text, std::string_view option, std::string_view purpose);

}  // namespace gdprctl::store
