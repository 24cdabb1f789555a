#include "output/csv.hpp"

namespace gdprctl::output {

std::string csv_cell(std::string_view text) {
    // A cell a spreadsheet would run as a formula gets a leading apostrophe and is quoted as well
    // (the OWASP advice), so that neither a spreadsheet nor a CSV reader that strips quotes runs it.
    const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string quoted = formula ? "\"'" : "\"";
    quoted.reserve(text.size() + 4);
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csv_row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += csv_cell(cells[i]);
    }
    out += "\r\n";
    return out;
}

}  // namespace gdprctl::output
