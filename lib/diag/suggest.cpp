#include "diag/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::diag {

namespace {

// ASCII only, unlike std::tolower: the result must not depend on the process's locale.
char fold(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    return edit_distance_within(a, b, std::max(a.size(), b.size()));
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t cutoff) {
    // The distance is at least the difference in length: no need to compare at all.
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > cutoff) return cutoff + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t row_min = row[0];
        const char ca = fold(a[i - 1]);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (ca == fold(b[j - 1]) ? 0 : 1)});
            diagonal = above;
            row_min = std::min(row_min, row[j]);
        }
        // No row's minimum is below the one before it, so the final distance cannot come back
        // under the cutoff.
        if (row_min > cutoff) return cutoff + 1;
    }
    return std::min(row[b.size()], cutoff + 1);
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (auto candidate : candidates) {
        // Allow roughly one edit per three characters, and at least two for short words.
        std::size_t limit = std::max<std::size_t>(2, std::max(word.size(), candidate.size()) / 3);
        bool ends_with_word = candidate.size() > word.size() && word.size() >= 3 &&
                              candidate.substr(candidate.size() - word.size()) == word;
        // Only a distance under the best so far (and within the limit) can change the answer.
        if (best && best_distance == 0) break;
        std::size_t cutoff = best ? std::min(limit, best_distance - 1) : limit;
        auto distance = edit_distance_within(word, candidate, cutoff);
        if (distance > cutoff && !ends_with_word) continue;
        if (ends_with_word) distance = std::min(distance, limit);
        if (!best || distance < best_distance) {
            best = std::string(candidate);
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    auto match = closest_match(word, candidates);
    if (!match || *match == word) return {};
    return fmt::format("did you mean `{}`?", *match);
}

std::string one_of(const std::vector<std::string_view>& candidates) {
    return fmt::format("one of: {}", fmt::join(candidates, ", "));
}

}  // namespace gdprctl::diag
