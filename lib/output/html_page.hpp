#pragma once

#include <iosfwd>
#include <string_view>

// The frame every HTML report shares: one self-contained page, inline CSS (screen and print), no
// external assets, so that it can be mailed, archived or printed to PDF as it is.
namespace gdprctl::output {

// Writes the doctype, head (title escaped here) and the opening of <body>.
// `lang` is the page's language (BCP 47), for screen readers and hyphenation.
void write_html_head(std::ostream& out, std::string_view title, std::string_view lang = "en");
void write_html_tail(std::ostream& out);

}  // namespace gdprctl::output
