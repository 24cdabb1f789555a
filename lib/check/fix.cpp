#include "check/fix.hpp"

#include "diag/suggest.hpp"
#include "edit/atomic_file.hpp"
#include "edit/yaml_edit.hpp"
#include "yaml/tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace gdprctl::check {
namespace fs = std::filesystem;

namespace {

// The text between the backticks that follow `marker` in `text`.
std::optional<std::string> quoted_after(std::string_view text, std::string_view marker) {
    auto at = text.find(marker);
    if (at == std::string_view::npos) return std::nullopt;
    auto begin = at + marker.size();
    auto end = text.find('`', begin);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(text.substr(begin, end - begin));
}

std::string normalised(std::string_view value) {
    std::string out;
    for (char c : value) out += c == '_' || c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const yaml::Node* scalar_at(const yaml::Node& node, diag::Position pos) {
    if (node.is_scalar()) return node.pos.line == pos.line && node.pos.col == pos.col ? &node : nullptr;
    for (const auto& item : node.items)
        if (const auto* found = scalar_at(item, pos)) return found;
    for (const auto& entry : node.entries)
        if (const auto* found = scalar_at(entry.value, pos)) return found;
    return nullptr;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size() - 1;
        lines.push_back(text.substr(start, end - start + 1));
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::vector<Fix> safe_fixes(const std::vector<diag::Diagnostic>& diagnostics) {
    std::vector<Fix> fixes;
    for (const auto& d : diagnostics) {
        if (!d.pos.known() || d.path.empty()) continue;
        auto to = quoted_after(d.hint, "did you mean `");
        if (!to || d.hint != fmt::format("did you mean `{}`?", *to)) continue;
        std::optional<std::string> from;
        if (d.rule_id == "invalid-duration") {
            // The suggestion is a translation of the words into ISO 8601 (duration_hint), never a guess.
            from = quoted_after(d.message, "is not an ISO 8601 duration: `");
        } else if (d.rule_id == "lawful-basis-unknown" || d.rule_id == "schema-enum") {
            from = quoted_after(d.message, "has an unknown value `");
            if (from && normalised(*from) != *to && diag::edit_distance(*from, *to) > 2) from.reset();
        }
        if (from && !from->empty() && *from != *to) fixes.push_back({d.path, d.pos, d.rule_id, *from, *to});
    }
    return fixes;
}

std::vector<FixedFile> plan_fixes(const fs::path& root, const std::vector<Fix>& fixes) {
    std::map<std::string, std::vector<const Fix*>> by_file;
    for (const auto& fix : fixes) by_file[fix.path].push_back(&fix);
    std::vector<FixedFile> planned;
    for (auto& [path, file_fixes] : by_file) {
        auto snapshot = edit::read_snapshot(root / path, root);
        if (!snapshot.exists) continue;
        FixedFile file{path, snapshot.text, snapshot.text, 0, snapshot};
        // From the end of the file, so that earlier positions stay valid after each edit.
        std::sort(file_fixes.begin(), file_fixes.end(), [](const Fix* a, const Fix* b) {
            return std::tie(a->pos.line, a->pos.col) > std::tie(b->pos.line, b->pos.col);
        });
        for (const auto* fix : file_fixes) {
            diag::Sink sink;
            auto parsed = yaml::parse(file.after, path, sink);
            const yaml::Node* scalar = nullptr;
            for (const auto& document : parsed.documents)
                if ((scalar = scalar_at(document, fix->pos))) break;
            if (!scalar || scalar->value != fix->from) continue;
            file.after = edit::replace_scalar(file.after, *scalar, fix->to);
            ++file.fixes;
        }
        if (file.fixes > 0) planned.push_back(std::move(file));
    }
    return planned;
}

void write_fixes(const std::vector<FixedFile>& files) {
    for (const auto& file : files) edit::write_atomically(file.original, file.after);
}

std::string unified_diff(const FixedFile& file, const std::string& display_path) {
    auto before = split_lines(file.before), after = split_lines(file.after);
    std::string out = fmt::format("--- a/{0}\n+++ b/{0}\n", display_path);
    if (before.size() != after.size()) return out;  // fixes replace scalars within their lines
    constexpr std::size_t context = 3;
    std::vector<std::size_t> changed;
    for (std::size_t i = 0; i < before.size(); ++i)
        if (before[i] != after[i]) changed.push_back(i);
    auto line_text = [](std::string_view line) {
        std::string text(line);
        if (text.empty() || text.back() != '\n') text += "\n\\ No newline at end of file\n";
        return text;
    };
    for (std::size_t k = 0; k < changed.size();) {
        std::size_t first = changed[k] > context ? changed[k] - context : 0;
        std::size_t last_changed = changed[k];
        std::size_t next = k + 1;
        while (next < changed.size() && changed[next] <= last_changed + 2 * context + 1) last_changed = changed[next++];
        std::size_t last = std::min(before.size() - 1, last_changed + context);
        std::size_t count = last - first + 1;
        out += fmt::format("@@ -{},{} +{},{} @@\n", first + 1, count, first + 1, count);
        for (std::size_t i = first; i <= last; ++i) {
            if (before[i] == after[i]) {
                out += " " + line_text(before[i]);
            } else {
                out += "-" + line_text(before[i]);
                out += "+" + line_text(after[i]);
            }
        }
        k = next;
    }
    return out;
}

}  // namespace gdprctl::check
