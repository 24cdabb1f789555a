#include "register/schemas.hpp"

#include "edit/atomic_file.hpp"

#include <charconv>
#include <span>
#include <stdexcept>
#include <utility>

namespace gdprctl::reg {
namespace schema_text {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();  // cmake/embed.cmake
}
namespace fs = std::filesystem;

std::optional<int> schema_version_of(std::string_view text) {
    constexpr std::string_view key = "\"x-gdprctl-schema-version\"";
    auto at = text.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    at = text.find_first_of("0123456789", at + key.size());
    if (at == std::string_view::npos) return std::nullopt;
    int version = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), version);
    if (ec != std::errc{}) return std::nullopt;
    return version;
}

int schema_version() {
    int version = 0;
    for (const auto& [name, text] : schema_text::embedded_files()) version = std::max(version, schema_version_of(text).value_or(0));
    return version;
}

std::vector<std::string> schema_names() {
    std::vector<std::string> names;
    for (const auto& [name, text] : schema_text::embedded_files()) names.emplace_back(name);
    return names;
}

std::vector<std::string> write_schemas(const fs::path& dir) {
    edit::make_directory(dir, 0755);
    std::vector<std::string> written;
    for (const auto& [name, text] : schema_text::embedded_files()) {
        auto snapshot = edit::read_snapshot(dir / name);
        if (snapshot.exists && snapshot.text == text) continue;
        edit::write_atomically(snapshot, std::string(text));
        written.emplace_back(name);
    }
    return written;
}

std::string schema_reference(const fs::path& root, const fs::path& file_folder, std::string_view name) {
    std::error_code ec;
    auto base = fs::weakly_canonical(fs::absolute(file_folder, ec), ec);
    auto target = fs::weakly_canonical(fs::absolute(root, ec), ec) / schema_folder / name;
    return target.lexically_relative(base).generic_string();
}

}  // namespace gdprctl::reg
