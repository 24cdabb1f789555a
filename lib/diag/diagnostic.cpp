#include "diag/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace gdprctl::diag {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (auto severity : {Severity::error, Severity::warning, Severity::note})
        if (to_string(severity) == text) return severity;
    return std::nullopt;
}

std::vector<std::string_view> severity_names() {
    return {to_string(Severity::error), to_string(Severity::warning), to_string(Severity::note)};
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.pos.line, a.pos.col, a.rule_id, a.message) <
               std::tie(b.path, b.pos.line, b.pos.col, b.rule_id, b.message);
    });
}

std::string_view line_of(std::string_view text, int line) {
    if (line <= 0) return {};
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    auto end = text.find('\n', start);
    auto result = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
    return result;
}

std::string_view SourceTexts::line(const std::string& path, int line) const {
    auto it = files_.find(path);
    if (it == files_.end() || line <= 0) return {};
    auto& file = it->second;
    if (file.starts.empty()) {
        file.starts.push_back(0);
        for (std::size_t i = 0; i < file.text.size(); ++i)
            if (file.text[i] == '\n') file.starts.push_back(i + 1);
    }
    auto index = static_cast<std::size_t>(line - 1);
    if (index >= file.starts.size()) return {};
    auto start = file.starts[index];
    auto end = index + 1 < file.starts.size() ? file.starts[index + 1] - 1 : file.text.size();
    auto result = file.text.substr(start, end - start);
    if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
    return result;
}

void attach_source_lines(std::vector<Diagnostic>& diagnostics, const SourceTexts& sources) {
    for (auto& d : diagnostics) {
        if (d.path.empty() || !d.pos.known() || !d.source_line.empty()) continue;
        d.source_line = std::string(sources.line(d.path, d.pos.line));
    }
}

}  // namespace gdprctl::diag
