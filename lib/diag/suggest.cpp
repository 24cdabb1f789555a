#include "diag/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace gdprctl::diag {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
            char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (ca == cb ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (auto candidate : candidates) {
        auto distance = edit_distance(word, candidate);
        // Allow roughly one edit per three characters, and at least two for short words.
        std::size_t limit = std::max<std::size_t>(2, std::max(word.size(), candidate.size()) / 3);
        bool ends_with_word = candidate.size() > word.size() && word.size() >= 3 &&
                         candidate.substr(candidate.size() - word.size()) == word;
        if (distance > limit && !ends_with_word) continue;
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
