#pragma once

#include <string>
#include <string_view>
#include <vector>

// CSV that is safe to open in a spreadsheet: RFC 4180 quoting, and every cell that a spreadsheet
// would read as a formula (OWASP "CSV injection": a leading =, +, -, @, tab or CR) neutralised
// with a leading apostrophe and quoted, so that register text from a pull request cannot run in
// the officer's Excel. Every CSV the tool writes (record of processing, retention schedule) goes
// through these two functions.
namespace gdprctl::output {

// One field: quoted when it holds a comma, quote, CR or LF, or is neutralised (quotes doubled).
std::string csv_cell(std::string_view text);
// A record of such fields separated by commas and terminated by CRLF (RFC 4180 section 2).
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace gdprctl::output
