#include "register/duration_hint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace gdprctl::reg {

std::optional<std::string> guess_iso_duration(std::string_view text) {
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t i = 0;
    while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
    int amount = 0;
    auto [end, ec] = std::from_chars(lower.data() + i, lower.data() + lower.size(), amount);
    if (ec != std::errc{} || amount <= 0) return std::nullopt;
    std::string unit = lower.substr(static_cast<std::size_t>(end - lower.data()));
    unit.erase(std::remove_if(unit.begin(), unit.end(), [](unsigned char c) { return std::isspace(c); }), unit.end());
    struct UnitWord {
        const char* word;
        const char* iso;
    };
    static constexpr UnitWord units[] = {
        {"year", "P{}Y"},    {"years", "P{}Y"},   {"yr", "P{}Y"},       {"y", "P{}Y"},      {"jaar", "P{}Y"},
        {"jaren", "P{}Y"},   {"month", "P{}M"},   {"months", "P{}M"},   {"maand", "P{}M"},  {"maanden", "P{}M"},
        {"week", "P{}W"},    {"weeks", "P{}W"},   {"weken", "P{}W"},    {"day", "P{}D"},    {"days", "P{}D"},
        {"d", "P{}D"},       {"dag", "P{}D"},     {"dagen", "P{}D"},    {"hour", "PT{}H"},  {"hours", "PT{}H"},
        {"h", "PT{}H"},      {"uur", "PT{}H"},    {"minute", "PT{}M"},  {"minutes", "PT{}M"}, {"min", "PT{}M"},
        {"minuten", "PT{}M"}};
    for (const auto& candidate : units)
        if (unit == candidate.word) return fmt::format(fmt::runtime(candidate.iso), amount);
    return std::nullopt;
}

}  // namespace gdprctl::reg
