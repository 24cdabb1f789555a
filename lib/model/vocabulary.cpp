#include "model/vocabulary.hpp"

#include "model/transfer.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace gdprctl::model {

const std::vector<std::string_view>& special_condition_names() {
    static const std::vector<std::string_view> conditions{"9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(d)", "9(2)(e)",
                                                     "9(2)(f)", "9(2)(g)", "9(2)(h)", "9(2)(i)", "9(2)(j)"};
    return conditions;
}
bool is_eea_country(std::string_view code) {
    static constexpr std::array<std::string_view, 30> eea{
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
    // EU territories with a code of their own (Åland, the outermost regions) are the EU.
    return std::find(eea.begin(), eea.end(), code) != eea.end() || !eu_member_state_of(code).empty();
}

bool is_placeholder(std::string_view text) {
    std::string lower;
    for (char c : text)
        if (c != ' ' && c != '.' && c != '/') lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    static constexpr std::array<std::string_view, 10> placeholders{"na",   "tbd",  "tba", "-",   "--",
                                                                   "todo", "none", "?",   "xxx", "nvt"};
    return !text.empty() && std::find(placeholders.begin(), placeholders.end(), lower) != placeholders.end();
}

bool looks_like_country_code(std::string_view code) {
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace gdprctl::model
