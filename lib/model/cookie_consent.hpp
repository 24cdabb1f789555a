#pragma once

#include "model/register.hpp"

#include <optional>
#include <string_view>

// When a cookie may be set without consent (ePrivacy Directive Art. 5(3) and its national
// implementations): one owner for check and the notice.
namespace gdprctl::model {

// The provision that exempts `cookie` from consent, given the organisation's country, or nothing
// when consent is needed. Strictly necessary cookies are exempt everywhere; user-interface
// cookies (a language choice) too, under WP29 Opinion 04/2012; in the Netherlands, first-party
// analytics with little or no effect on privacy (Telecommunicatiewet art. 11.7a(3)(b)).
std::optional<std::string_view> consent_exemption(const Register& reg, const Cookie& cookie);

// The purpose a cookie names (`system` and `purpose`), when both resolve.
const Purpose* cookie_purpose(const Register& reg, const Cookie& cookie);

// A cookie that needs consent and is not tied to a purpose resting on consent: what
// `cookie-without-consent` reports, and what keeps the notice from promising consent.
bool set_without_consent(const Register& reg, const Cookie& cookie);

}  // namespace gdprctl::model
