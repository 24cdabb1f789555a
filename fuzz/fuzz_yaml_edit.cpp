// The in-place YAML editor: a file plus an edit gives a file that parses to the intended value,
// or a refusal (UsageError). Input: a value line, then the file. The target sets `name` of the
// first system and appends an item to `systems`; whenever an edit is made, the result must parse
// without errors and hold the value.
#include "edit/yaml_edit.hpp"
#include "errors.hpp"
#include "yaml/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const gdprctl::yaml::Node* first_system(const gdprctl::yaml::Node& root) {
    if (!root.is_map()) return nullptr;
    const auto* systems = root.find("systems");
    if (!systems || !systems->is_sequence() || systems->items.empty() || !systems->items.front().is_map())
        return nullptr;
    return &systems->items.front();
}

bool clean_parse(const std::string& text, gdprctl::yaml::ParseResult& parsed) {
    gdprctl::diag::Sink sink;
    parsed = gdprctl::yaml::parse(text, "fuzz.yaml", sink);
    return parsed.ok && sink.items().empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gdprctl;
    std::string input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    if (newline == std::string::npos) return 0;
    const std::string value = input.substr(0, newline);
    const std::string text = input.substr(newline + 1);
    // Values are one line of text without NUL (what the CLI accepts).
    if (value.find('\0') != std::string::npos || value.find('\r') != std::string::npos) return 0;

    yaml::ParseResult parsed;
    if (!clean_parse(text, parsed) || parsed.documents.size() != 1) return 0;
    const yaml::Node& root = parsed.documents.front();
    if (const auto* system = first_system(root)) {
        std::string edited;
        try {
            edited = edit::set_scalar(text, *system, "name", value);
        } catch (const UsageError&) {
            edited.clear();  // a refusal is a valid outcome
        }
        if (!edited.empty()) {
            yaml::ParseResult again;
            if (!clean_parse(edited, again) || again.documents.size() != 1) std::abort();
            const auto* changed = first_system(again.documents.front());
            const auto* name = changed ? changed->find("name") : nullptr;
            if (!name || !name->is_scalar() || name->value != value) std::abort();
        }
    }
    try {
        std::string item = "id: fuzz-added\nname: " + edit::render_scalar(value);
        auto appended = edit::append_item(text, root, "systems", item);
        yaml::ParseResult again;
        if (!clean_parse(appended, again) || again.documents.size() != 1) std::abort();
        const auto* systems = again.documents.front().find("systems");
        if (!systems || !systems->is_sequence() || systems->items.empty()) std::abort();
        const auto* name = systems->items.back().find("name");
        if (!name || name->value != value) std::abort();
    } catch (const UsageError&) {
    }
    return 0;
}
