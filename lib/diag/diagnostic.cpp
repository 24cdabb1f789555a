#include "diag/diagnostic.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
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

void attach_source_lines(std::vector<Diagnostic>& diagnostics, const std::string& workspace_root) {
    std::map<std::string, std::string> cache;
    for (auto& d : diagnostics) {
        if (d.path.empty() || !d.pos.known() || !d.source_line.empty()) continue;
        auto [it, inserted] = cache.try_emplace(d.path);
        if (inserted) {
            std::ifstream in(std::filesystem::path(workspace_root) / d.path, std::ios::binary);
            std::ostringstream buffer;
            buffer << in.rdbuf();
            it->second = buffer.str();
        }
        d.source_line = std::string(line_of(it->second, d.pos.line));
    }
}

}  // namespace gdprctl::diag
