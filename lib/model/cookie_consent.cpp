#include "model/cookie_consent.hpp"

#include <array>

namespace gdprctl::model {
namespace {

struct Exemption {
    std::string_view country;  // empty: the whole EEA
    CookieCategory category;
    bool first_party_only;
    std::string_view citation;
};

constexpr std::array<Exemption, 3> exemptions{{
    {"", CookieCategory::strictly_necessary, false, "ePrivacy Directive Art. 5(3), second sentence"},
    {"", CookieCategory::user_interface, false, "WP29 Opinion 04/2012 on cookie consent exemption, section 3.6"},
    {"NL", CookieCategory::analytics, true, "Telecommunicatiewet art. 11.7a(3)(b)"},
}};

}  // namespace

std::optional<std::string_view> consent_exemption(const Register& reg, const Cookie& cookie) {
    if (!cookie.category) return std::nullopt;
    std::string_view country = reg.organization ? std::string_view(reg.organization->country) : std::string_view{};
    bool first_party = cookie.provider == first_party_provider;
    for (const auto& exemption : exemptions) {
        if (exemption.category != *cookie.category) continue;
        if (!exemption.country.empty() && exemption.country != country) continue;
        if (exemption.first_party_only && !first_party) continue;
        return exemption.citation;
    }
    return std::nullopt;
}

const Purpose* cookie_purpose(const Register& reg, const Cookie& cookie) {
    if (const auto* system = reg.find_system(cookie.system))
        for (const auto& purpose : system->purposes)
            if (purpose.id == cookie.purpose) return &purpose;
    return nullptr;
}

bool set_without_consent(const Register& reg, const Cookie& cookie) {
    if (!cookie.category || consent_exemption(reg, cookie)) return false;
    const auto* purpose = cookie_purpose(reg, cookie);
    return !purpose || purpose->basis != LawfulBasis::consent;
}

}  // namespace gdprctl::model
