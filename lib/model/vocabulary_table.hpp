#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

// One constexpr table per enum: its values in declaration order, each with the spelling used in
// the register files and on the command line, a human label and, where there is one, the article
// it rests on. to_string / parse / names / label / article_of are generic over the tables, so a
// new value is one row, and a row out of order or missing fails to compile.
namespace gdprctl::model {

template <typename Enum>
struct VocabularyEntry {
    Enum value;
    std::string_view name;     // as written in YAML and on the command line (kebab-case)
    std::string_view label;    // for people: "Legal obligation"
    std::string_view article;  // "GDPR Art. 6(1)(c)", or empty
};

// Specialised once per enum, next to it: `static constexpr std::array<VocabularyEntry<E>, N> entries`.
template <typename Enum>
struct Vocabulary;

// True when the rows are the enum's values 0..N-1 in order and the last row is `last`: checked by
// a static_assert under every table, so that a value added to the enum without its row (or a row
// in the wrong place) does not compile.
template <typename Enum, std::size_t N>
constexpr bool is_complete(const std::array<VocabularyEntry<Enum>, N>& entries, Enum last) {
    for (std::size_t i = 0; i < N; ++i)
        if (static_cast<std::size_t>(entries[i].value) != i) return false;
    return N == static_cast<std::size_t>(last) + 1;
}

// An enum with a table.
template <typename Enum>
concept HasVocabulary = requires { Vocabulary<Enum>::entries; };

template <HasVocabulary Enum>
constexpr const VocabularyEntry<Enum>& entry_of(Enum value) {
    return Vocabulary<Enum>::entries[static_cast<std::size_t>(value)];
}

template <HasVocabulary Enum>
constexpr std::string_view to_string(Enum value) {
    return entry_of(value).name;
}

template <HasVocabulary Enum>
constexpr std::string_view label(Enum value) {
    return entry_of(value).label;
}

template <HasVocabulary Enum>
constexpr std::string_view article_of(Enum value) {
    return entry_of(value).article;
}

template <HasVocabulary Enum>
constexpr std::optional<Enum> parse(std::string_view text) {
    for (const auto& entry : Vocabulary<Enum>::entries)
        if (entry.name == text) return entry.value;
    return std::nullopt;
}

// Every spelling, in table order (for "expected one of" and did-you-mean).
template <HasVocabulary Enum>
const std::vector<std::string_view>& names() {
    static const std::vector<std::string_view> all = [] {
        std::vector<std::string_view> list;
        for (const auto& entry : Vocabulary<Enum>::entries) list.push_back(entry.name);
        return list;
    }();
    return all;
}

}  // namespace gdprctl::model
