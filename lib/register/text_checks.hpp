#pragma once

#include "diag/diagnostic.hpp"

#include <string>

namespace gdprctl::reg {

// Checks a register file's bytes before they are parsed and makes them safe to copy into any
// output: invalid UTF-8 is a finding (`invalid-utf8`, at the first bad byte) and each bad sequence
// is replaced by U+FFFD, so JSON, SARIF and JUnit written from the file stay valid. A NUL byte and
// CR-only line endings, which the YAML parser reports confusingly or not at all, get a finding
// that says what they are (`yaml-syntax`). Returns false when the file should not be parsed.
bool check_register_text(std::string& text, const std::string& path, diag::Sink& sink);

// Replaces every invalid UTF-8 sequence of `text` by U+FFFD; returns the number replaced and the
// byte offset of the first in `first_bad` (npos when none).
std::size_t repair_utf8(std::string& text, std::size_t* first_bad = nullptr);

// 1-based line and column (in bytes) of byte `offset` of `text`.
diag::Position position_of(std::string_view text, std::size_t offset);

}  // namespace gdprctl::reg
