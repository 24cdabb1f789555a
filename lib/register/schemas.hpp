#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The JSON Schemas of the register files, as the binary carries them. A workspace keeps a copy in
// `.schemas/` (committed with the register), and every file's `yaml-language-server` modeline
// points there relatively, so that editors validate in any clone of the repository.
namespace gdprctl::reg {

inline constexpr const char* schema_folder = ".schemas";

// The version the binary's schemas carry (`x-gdprctl-schema-version`).
int schema_version();
// The version a schema text declares; nullopt when it declares none.
std::optional<int> schema_version_of(std::string_view text);
// The file names of the schemas (gdpr.schema.json, register.schema.json).
std::vector<std::string> schema_names();

// Writes the binary's schemas into `dir` (created when missing); files already up to date are
// left alone. Returns the names of the files written.
std::vector<std::string> write_schemas(const std::filesystem::path& dir);

// `.schemas/NAME` relative to `file_folder`, both below the workspace `root`: the target of a
// modeline, e.g. "../.schemas/register.schema.json" for a file in systems/.
std::string schema_reference(const std::filesystem::path& root, const std::filesystem::path& file_folder,
                             std::string_view name);

}  // namespace gdprctl::reg
