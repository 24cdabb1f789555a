#include "model/vocabulary.hpp"

#include "model/transfer.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace gdprctl::model {
namespace {

template <typename Enum>
std::optional<Enum> parse_from(std::string_view text, const std::vector<std::string_view>& names) {
    auto it = std::find(names.begin(), names.end(), text);
    if (it == names.end()) return std::nullopt;
    return static_cast<Enum>(it - names.begin());
}

}  // namespace

const std::vector<std::string_view>& lawful_basis_names() {
    static const std::vector<std::string_view> names{"consent",         "contract",    "legal-obligation",
                                                     "vital-interests", "public-task", "legitimate-interests"};
    return names;
}
const std::vector<std::string_view>& recipient_role_names() {
    static const std::vector<std::string_view> names{"processor", "controller", "joint-controller", "authority"};
    return names;
}
const std::vector<std::string_view>& transfer_mechanism_names() {
    static const std::vector<std::string_view> names{"adequacy", "scc", "bcr", "derogation"};
    return names;
}
const std::vector<std::string_view>& cookie_category_names() {
    static const std::vector<std::string_view> names{"strictly-necessary", "functional", "analytics", "marketing",
                                                     "user-interface"};
    return names;
}
const std::vector<std::string_view>& retention_action_names() {
    static const std::vector<std::string_view> names{"delete", "anonymise"};
    return names;
}
const std::vector<std::string_view>& requirement_names() {
    static const std::vector<std::string_view> names{"statutory", "contractual", "contract-prerequisite",
                                                     "voluntary"};
    return names;
}
const std::vector<std::string_view>& special_condition_names() {
    static const std::vector<std::string_view> names{"9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(d)", "9(2)(e)",
                                                     "9(2)(f)", "9(2)(g)", "9(2)(h)", "9(2)(i)", "9(2)(j)"};
    return names;
}
const std::vector<std::string_view>& right_names() {
    static const std::vector<std::string_view> names{"access",      "rectification", "erasure",
                                                     "restriction", "portability",   "objection"};
    return names;
}

std::string_view to_string(LawfulBasis value) { return lawful_basis_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(RecipientRole value) { return recipient_role_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(TransferMechanism value) {
    return transfer_mechanism_names()[static_cast<std::size_t>(value)];
}
std::string_view to_string(CookieCategory value) { return cookie_category_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(RetentionAction value) {
    return retention_action_names()[static_cast<std::size_t>(value)];
}
std::string_view to_string(Requirement value) { return requirement_names()[static_cast<std::size_t>(value)]; }
std::string_view to_string(Right value) { return right_names()[static_cast<std::size_t>(value)]; }

std::optional<LawfulBasis> parse_lawful_basis(std::string_view text) {
    return parse_from<LawfulBasis>(text, lawful_basis_names());
}
std::optional<RecipientRole> parse_recipient_role(std::string_view text) {
    return parse_from<RecipientRole>(text, recipient_role_names());
}
std::optional<TransferMechanism> parse_transfer_mechanism(std::string_view text) {
    return parse_from<TransferMechanism>(text, transfer_mechanism_names());
}
std::optional<CookieCategory> parse_cookie_category(std::string_view text) {
    return parse_from<CookieCategory>(text, cookie_category_names());
}
std::optional<RetentionAction> parse_retention_action(std::string_view text) {
    return parse_from<RetentionAction>(text, retention_action_names());
}
std::optional<Requirement> parse_requirement(std::string_view text) {
    return parse_from<Requirement>(text, requirement_names());
}
std::optional<Right> parse_right(std::string_view text) { return parse_from<Right>(text, right_names()); }

std::string_view article_of(LawfulBasis value) {
    static constexpr std::array<std::string_view, 6> articles{
        "GDPR Art. 6(1)(a)", "GDPR Art. 6(1)(b)", "GDPR Art. 6(1)(c)",
        "GDPR Art. 6(1)(d)", "GDPR Art. 6(1)(e)", "GDPR Art. 6(1)(f)"};
    return articles[static_cast<std::size_t>(value)];
}

std::string_view article_of(Right value) {
    static constexpr std::array<std::string_view, 6> articles{"GDPR Art. 15", "GDPR Art. 16", "GDPR Art. 17",
                                                              "GDPR Art. 18", "GDPR Art. 20", "GDPR Art. 21"};
    return articles[static_cast<std::size_t>(value)];
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
