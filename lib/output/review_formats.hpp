#pragma once

#include "output/retention_formats.hpp"
#include "review/review.hpp"
#include "review/sign.hpp"

#include <vector>

namespace gdprctl::output {

// text (default), json, md, html (one self-contained page for the board).
const std::vector<FormatRow<review::ReviewResult>>& review_formats();
// `review sign`: text (default), json.
const std::vector<FormatRow<review::SignResult>>& sign_formats();

}  // namespace gdprctl::output
