#pragma once

#include <string_view>

namespace gdprctl::output {

// The columns `text` (UTF-8) takes in a terminal: East Asian wide characters and emoji take two,
// combining marks and zero-width characters none, everything else one. Tables pad by this, not by
// bytes, so that "Müller" and "東京" align.
std::size_t display_width(std::string_view text);

}  // namespace gdprctl::output
