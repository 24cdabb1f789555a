#pragma once

#include "model/register.hpp"

#include <optional>

// When the policy and each system are next reviewed (the example policy's sections 2.3 and 3.2:
// at least annually). check's review rules and the annual review ask these functions, so that
// they agree by construction.
namespace gdprctl::model {

// last_review + the interval (the system's own, else settings.system_review_interval); nullopt
// when no review is recorded.
std::optional<time::Date> next_review(const Register& reg, const System& system);
std::optional<time::Date> next_review(const Policy& policy);

// Due on the anniversary itself, overdue from the day after.
enum class ReviewState { current, due, overdue, never_reviewed };
ReviewState review_state(const std::optional<time::Date>& next, time::Date today);
// Due, overdue or never reviewed (anything but current): what `register list --review-due` lists
// and the register's views mark "(due)".
bool review_is_due(const Register& reg, const System& system, time::Date today);

}  // namespace gdprctl::model
