#pragma once

#include "model/register.hpp"
#include "time/date.hpp"

#include <string>
#include <string_view>
#include <vector>

// Escaping and wording shared by every report format.
namespace gdprctl::report {

// "P50M" -> "50 months", "P1Y6M" -> "1 year and 6 months", "P1D" -> "1 day", "PT12H" -> "12 hours".
std::string humanise_duration(const time::Duration& duration);

// "2 years after end of contract", "6 months, then anonymised", "undetermined".
std::string humanise_retention(const model::RetentionRule& rule);

// "end-of-contract" -> "end of contract".
std::string humanise_keyword(std::string_view keyword);

// Joins with ", " and a final " and ": {a, b, c} -> "a, b and c".
std::string join_words(const std::vector<std::string>& items);

// Text safe inside HTML element content and double-quoted attribute values.
std::string html_escape(std::string_view text);

// Text safe inside a Markdown paragraph or table cell: inline markup and pipes escaped, line
// breaks folded into spaces.
std::string md_escape(std::string_view text);
// An identifier as a Markdown code span, with enough backticks to hold any inside it.
std::string md_code(std::string_view text);

// A fragment identifier made of [a-z0-9-] only, so user text never reaches an id attribute raw.
std::string anchor(std::string_view prefix, std::string_view text);

}  // namespace gdprctl::report
