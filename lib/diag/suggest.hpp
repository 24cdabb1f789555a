#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::diag {

// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// "did you mean `x`?" or an empty string when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

// "one of: a, b, c" for listing allowed values in messages.
std::string one_of(const std::vector<std::string_view>& candidates);

}  // namespace gdprctl::diag
