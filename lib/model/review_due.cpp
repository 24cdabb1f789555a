#include "model/review_due.hpp"

namespace gdprctl::model {

std::optional<time::Date> next_review(const Register& reg, const System& system) {
    if (!system.last_review) return std::nullopt;
    return time::add(*system.last_review, system.review_interval.value_or(reg.settings.system_review_interval));
}

std::optional<time::Date> next_review(const Policy& policy) {
    if (!policy.last_review) return std::nullopt;
    return time::add(*policy.last_review, policy.review_interval);
}

ReviewState review_state(const std::optional<time::Date>& next, time::Date today) {
    if (!next) return ReviewState::never_reviewed;
    if (*next < today) return ReviewState::overdue;
    if (*next == today) return ReviewState::due;
    return ReviewState::current;
}

bool review_is_due(const Register& reg, const System& system, time::Date today) {
    return review_state(next_review(reg, system), today) != ReviewState::current;
}

}  // namespace gdprctl::model
