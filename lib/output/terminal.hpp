#pragma once

#include <string>
#include <string_view>

namespace gdprctl::output {

// Makes text from register files, notes, --by and file names safe to print on a terminal or in a
// log that one line per record: C0 controls (ESC, BEL, CR, LF, ...), DEL, C1 controls and the
// Unicode bidirectional controls (U+061C, U+200E/F, U+202A-E, U+2066-9, which can make a line
// read differently from what it holds) are written as visible escapes (`\x1b`, `\n`, `\u202e`).
// Tab is kept when `keep_tab` (a source line whose caret must line up), escaped otherwise. Every
// text writer passes foreign text through this; the github format has its own encoding.
std::string terminal_escape(std::string_view text, bool keep_tab = false);

}  // namespace gdprctl::output
