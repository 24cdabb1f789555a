#pragma once

#include <cstdio>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

// Where the answers to questions come from. On a terminal, libedit gives line editing (arrows,
// Ctrl-A/E, ...) and a history of the session's answers (up arrow); anywhere else the answers are
// read line by line, so that scripts and tests can pipe them in.
namespace gdprctl::authoring {

class LineReader {
public:
    virtual ~LineReader() = default;
    // Shows `prompt` and reads one line without its line break; nullopt at end of input.
    virtual std::optional<std::string> read_line(const std::string& prompt) = 0;
};

// Reads from `in`, writing the prompts to `out`.
class StreamLineReader : public LineReader {
public:
    StreamLineReader(std::istream& in, std::ostream& out) : in_(in), out_(out) {}
    std::optional<std::string> read_line(const std::string& prompt) override;

private:
    std::istream& in_;
    std::ostream& out_;
};

// libedit on the terminal `in`, with the prompts (and the echo of the editing) on `out`. Every
// non-empty answer enters the history.
std::unique_ptr<LineReader> make_terminal_line_reader(std::FILE* in, std::FILE* out);

}  // namespace gdprctl::authoring
