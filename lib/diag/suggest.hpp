#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::diag {

// Levenshtein distance, ignoring ASCII case, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The same distance when it is at most `cutoff`, otherwise `cutoff + 1`: a hint only needs to know
// whether a candidate is close, and stopping early keeps a long hostile key (register files come
// from pull requests) from costing length x length per candidate.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t cutoff);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// "did you mean `x`?" or an empty string when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

// "one of: a, b, c" for listing allowed values in messages.
std::string one_of(const std::vector<std::string_view>& candidates);

}  // namespace gdprctl::diag
