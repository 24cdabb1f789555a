#include "diag/suggest.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

using namespace gdprctl::diag;

TEST_CASE("edit distance", "[diag]") {
    CHECK(edit_distance("consent", "consent") == 0);
    CHECK(edit_distance("consnet", "consent") == 2);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("Owner", "owner") == 0);
}

namespace {

// The textbook full-matrix distance, as the bounded one is checked against it.
std::size_t reference_distance(const std::string& a, const std::string& b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
    return d[a.size()][b.size()];
}

std::string random_word(std::mt19937& rng) {
    // A small alphabet with both cases, so that near-misses are common.
    static constexpr std::string_view alphabet = "abcAB.-";
    std::uniform_int_distribution<std::size_t> length(0, 12), letter(0, alphabet.size() - 1);
    std::string word(length(rng), ' ');
    for (auto& c : word) c = alphabet[letter(rng)];
    return word;
}

}  // namespace

TEST_CASE("the bounded distance is exact up to its cutoff and cutoff + 1 beyond", "[diag]") {
    std::mt19937 rng(20261126);
    for (int round = 0; round < 5000; ++round) {
        auto a = random_word(rng), b = random_word(rng);
        auto exact = reference_distance(a, b);
        INFO(a << " / " << b);
        CHECK(edit_distance(a, b) == exact);
        for (std::size_t cutoff : {0, 1, 2, 3, 5, 13})
            CHECK(edit_distance_within(a, b, cutoff) == std::min(exact, cutoff + 1));
    }
}

TEST_CASE("closest_match with early stops chooses as the full comparison does", "[diag]") {
    // The rule, spelled out over full distances: within one edit per three characters (at least
    // two), or the candidate ends with the word; the first of the closest wins.
    auto reference = [](const std::string& word, const std::vector<std::string>& candidates) {
        std::optional<std::string> best;
        std::size_t best_distance = 0;
        for (const auto& candidate : candidates) {
            auto distance = reference_distance(word, candidate);
            std::size_t limit = std::max<std::size_t>(2, std::max(word.size(), candidate.size()) / 3);
            bool ends_with_word = candidate.size() > word.size() && word.size() >= 3 &&
                                  candidate.compare(candidate.size() - word.size(), word.size(), word) == 0;
            if (distance > limit && !ends_with_word) continue;
            if (ends_with_word) distance = std::min(distance, limit);
            if (!best || distance < best_distance) best = candidate, best_distance = distance;
        }
        return best;
    };
    std::mt19937 rng(7);
    for (int round = 0; round < 2000; ++round) {
        auto word = random_word(rng);
        std::vector<std::string> candidates(1 + round % 6);
        for (auto& candidate : candidates) candidate = random_word(rng);
        std::vector<std::string_view> views(candidates.begin(), candidates.end());
        INFO(word);
        CHECK(closest_match(word, views) == reference(word, candidates));
    }
}

TEST_CASE("a long unknown key gets no hint, and costs no more than its length", "[diag]") {
    // Register files come from pull requests: a 64 KiB key must not be compared cell by cell with
    // every candidate (the length difference alone rules them out).
    std::string key(65536, 'x');
    CHECK(edit_distance_within(key, "owner", 2) == 3);
    CHECK(did_you_mean(key, {"owner", "name", "subjects"}).empty());
}

TEST_CASE("did you mean picks a close candidate or none", "[diag]") {
    std::vector<std::string_view> fields{"owner", "name", "subjects", "data"};
    CHECK(did_you_mean("ownr", fields) == "did you mean `owner`?");
    CHECK(did_you_mean("subject", fields) == "did you mean `subjects`?");
    CHECK(did_you_mean("colour", fields).empty());
    CHECK(did_you_mean("owner", fields).empty());
    std::vector<std::string_view> categories{"contact.email", "contact.phone", "identity.name"};
    CHECK(did_you_mean("email", categories) == "did you mean `contact.email`?");
    // The first of equally close candidates wins, and an exact match ends the search.
    CHECK(did_you_mean("nome", {"name", "note"}) == "did you mean `name`?");
    CHECK(closest_match("note", {"nose", "note", "nope"}) == std::optional<std::string>("note"));
}

TEST_CASE("one_of lists the allowed values", "[diag]") {
    CHECK(one_of({"a", "b"}) == "one of: a, b");
}
