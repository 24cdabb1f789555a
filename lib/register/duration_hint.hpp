#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gdprctl::reg {

// Reads a human-written duration such as "1 jaar", "2 years", "50 months" or "7 days" (English
// or Dutch units) and returns its ISO 8601 form ("P1Y"), for "did you mean" hints.
std::optional<std::string> guess_iso_duration(std::string_view text);

}  // namespace gdprctl::reg
