#include "authoring/candidate.hpp"

#include "diag/suggest.hpp"
#include "edit/yaml_edit.hpp"
#include "errors.hpp"
#include "register/loader.hpp"
#include "register/schemas.hpp"
#include "register/workspace.hpp"
#include "rules/catalogue.hpp"
#include "rules/lint.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::authoring {
namespace fs = std::filesystem;

std::vector<diag::Diagnostic> validate_candidate(const fs::path& root, const Candidate& candidate, time::Date today) {
    auto loaded = reg::load_register(root);
    auto& reg = loaded.reg;
    auto found = std::find(reg.files.begin(), reg.files.end(), candidate.path);
    int index = static_cast<int>(found - reg.files.begin());
    if (found == reg.files.end()) reg.files.push_back(candidate.path);
    auto from_file = [index](const model::Located& entity) { return entity.file == index; };
    std::erase_if(reg.systems, from_file);
    std::erase_if(reg.recipients, from_file);
    std::erase_if(reg.cookies, from_file);

    reg::FilePart part;
    reg::decode_file(candidate.text, candidate.path, index, candidate.path == reg::workspace_marker, part);
    for (auto& system : part.systems) reg.systems.push_back(std::move(system));
    for (auto& recipient : part.recipients) reg.recipients.push_back(std::move(recipient));
    for (auto& cookie : part.cookies) reg.cookies.push_back(std::move(cookie));

    auto diagnostics = part.sink.take();
    reg::cross_check(reg, diagnostics);
    rules::lint(reg, today, diagnostics);
    rules::apply_catalogue(diagnostics, reg.settings.severity);
    const auto& disabled = reg.settings.disabled_rules;
    std::erase_if(diagnostics, [&](const diag::Diagnostic& d) {
        return d.path != candidate.path || (d.pos.known() && d.pos.line < candidate.first_line) ||
               (d.pos.known() && candidate.last_line > 0 && d.pos.line > candidate.last_line) ||
               std::any_of(disabled.begin(), disabled.end(), [&](const auto& rule) { return rule.id == d.rule_id; });
    });
    for (auto& d : diagnostics)
        if (d.pos.known()) d.source_line = std::string(diag::line_of(candidate.text, d.pos.line));
    diag::sort_diagnostics(diagnostics);
    return diagnostics;
}

Candidate changed_lines(std::string path, const std::string& old_text, std::string new_text) {
    auto common = static_cast<std::size_t>(
        std::mismatch(old_text.begin(), old_text.end(), new_text.begin(), new_text.end()).first - old_text.begin());
    auto line_of_offset = [](const std::string& text, std::size_t offset) {
        return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    };
    Candidate candidate;
    candidate.path = std::move(path);
    candidate.first_line = line_of_offset(new_text, common);
    auto added = static_cast<int>(std::count(new_text.begin(), new_text.end(), '\n') -
                                  std::count(old_text.begin(), old_text.end(), '\n'));
    candidate.last_line = candidate.first_line + std::max(added, 0);
    candidate.text = std::move(new_text);
    return candidate;
}

bool has_errors(const std::vector<diag::Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const auto& d) { return d.severity == diag::Severity::error; });
}

yaml::Node parse_for_edit(const std::string& text, const std::string& path) {
    diag::Sink sink;
    auto parsed = yaml::parse(text, path, sink);
    if (!parsed.ok || !sink.items().empty()) {
        const auto& first = sink.items().front();
        throw UsageError(fmt::format("{}:{}:{}: {}; it cannot be edited until that is fixed", path, first.pos.line,
                                     first.pos.col, first.message),
                         "run `gdprctl check` to see the problem");
    }
    if (parsed.documents.size() > 1)
        throw UsageError(fmt::format("`{}` holds several YAML documents; it cannot be edited in place", path),
                         "split it into one file per document");
    return parsed.documents.empty() ? yaml::Node{} : std::move(parsed.documents.front());
}

ItemRef find_item(const yaml::Node& root, std::string_view list_key, std::string_view id_field, std::string_view id) {
    const yaml::Node* list = root.is_map() ? root.find(list_key) : nullptr;
    if (!list || !list->is_sequence()) return {};
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const auto* value = list->items[i].find(id_field);
        if (value && value->is_scalar() && value->value == id) return {list, i};
    }
    return {};
}

std::string schema_modeline(const fs::path& root, const fs::path& file_folder, std::string_view schema) {
    return fmt::format("# yaml-language-server: $schema={}", reg::schema_reference(root, file_folder, schema));
}

std::string flow_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += edit::render_scalar(items[i]);
    }
    return out + "]";
}

std::string hint_or_list(std::string_view value, const std::vector<std::string_view>& names) {
    auto hint = diag::did_you_mean(value, names);
    return hint.empty() ? fmt::format("expected {}", diag::one_of(names)) : hint;
}

std::string shell_quote(const std::string& word) {
    bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_.,:/=@+%").find(c) != std::string_view::npos;
    });
    if (plain) return word;
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void normalise_country(std::string& code) {
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

void validate_id(std::string_view id, std::string_view what) {
    bool ok = !id.empty() && id.size() <= 100 && std::isalnum(static_cast<unsigned char>(id.front())) &&
              std::all_of(id.begin(), id.end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
              });
    if (!ok)
        throw UsageError(
            fmt::format("{} id `{}` is not usable", what, id),
            "use letters, digits, '-', '_' and '.', starting with a letter or digit (e.g. crm, mailer-co)");
}

}  // namespace gdprctl::authoring
