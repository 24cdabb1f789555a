#pragma once

#include "output/format_table.hpp"
#include "review/review.hpp"
#include "review/sign.hpp"

#include <ostream>

namespace gdprctl::output {

using ReviewWriter = void(std::ostream& out, const review::ReviewResult& result);

// text (default), json, md, html (one self-contained page for the board).
FormatTable<ReviewWriter> review_formats();

using SignWriter = void(std::ostream& out, const review::SignResult& result);
// `review sign`: text (default), json.
FormatTable<SignWriter> sign_formats();

}  // namespace gdprctl::output
