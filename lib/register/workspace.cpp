#include "register/workspace.hpp"

#include "edit/atomic_file.hpp"
#include "errors.hpp"
#include "io/safe_file.hpp"
#include "store/location.hpp"
#include "yaml/tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <system_error>

namespace gdprctl::reg {

namespace fs = std::filesystem;

std::optional<fs::path> try_find_workspace(const std::string& explicit_root, const fs::path& start) {
    std::error_code ec;
    if (!explicit_root.empty()) {
        fs::path root = fs::absolute(explicit_root, ec).lexically_normal();
        if (fs::is_regular_file(root / workspace_marker, ec)) return root;
        return std::nullopt;
    }
    fs::path dir = fs::absolute(start, ec).lexically_normal();
    while (true) {
        if (fs::is_regular_file(dir / workspace_marker, ec)) return dir;
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

fs::path find_workspace(const std::string& explicit_root, const fs::path& start) {
    if (auto root = try_find_workspace(explicit_root, start)) return *root;
    if (!explicit_root.empty()) {
        std::error_code ec;
        if (fs::exists(explicit_root, ec) && !fs::is_directory(explicit_root, ec))
            throw EnvironmentError(
                fmt::format("--workspace `{}` is a file, not a folder", explicit_root),
                fmt::format("pass the folder that holds {}: --workspace {}", workspace_marker,
                            fs::path(explicit_root).parent_path().empty() ? std::string(".")
                                                                          : fs::path(explicit_root).parent_path().string()));
        if (!fs::is_directory(explicit_root, ec))
            throw EnvironmentError(fmt::format("workspace folder `{}` does not exist", explicit_root),
                                   "check --workspace or GDPRCTL_WORKSPACE, or create one with `gdprctl init`");
        throw EnvironmentError(fmt::format("`{}` is not a gdprctl workspace: it has no {}", explicit_root,
                                           workspace_marker),
                               fmt::format("run `gdprctl init {}` to create one", explicit_root));
    }
    throw EnvironmentError(
        fmt::format("no gdprctl workspace here: no {} in `{}` or any folder above it", workspace_marker,
                    start.string()),
        "run `gdprctl init` to create one, or pass --workspace DIR (or set GDPRCTL_WORKSPACE)");
}

namespace {

bool is_register_name(const std::string& name) {
    if (name.empty() || name[0] == '.') return false;
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    auto extension = std::string_view(name).substr(dot);
    return extension == ".yaml" || extension == ".yml";
}

// Walks `folder` (relative `prefix`) depth first without following links to folders; a folder
// that cannot be listed is recorded rather than skipped in silence.
// `.NAME.tmp-XXXXXX` of a register file, as left by a write killed before its rename.
bool is_stale_temporary(const fs::directory_entry& entry, const std::string& name) {
    auto marker = name.rfind(".tmp-");
    if (name.size() < 2 || name[0] != '.' || marker == std::string::npos || name.size() != marker + 11) return false;
    if (!is_register_name(name.substr(1, marker - 1))) return false;
    std::error_code ec;
    auto modified = entry.last_write_time(ec);
    return !ec && fs::file_time_type::clock::now() - modified >= edit::stale_temporary_age;
}

void walk(const fs::path& folder, const std::string& prefix, std::vector<std::string>& files,
          std::vector<std::string>* unreadable, std::vector<std::string>* stale, int depth) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec), end;
    if (ec) {
        if (unreadable) unreadable->push_back(prefix.empty() ? std::string(".") : prefix);
        return;
    }
    for (; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        auto name = entry.path().filename().string();
        std::error_code type_ec;
        auto status = entry.symlink_status(type_ec);
        if (type_ec) continue;
        if (status.type() == fs::file_type::directory) {
            // Hidden folders (.git, .gdprctl) are not part of the register; 64 levels is deeper
            // than any real register and stops a pathological tree.
            if (name.empty() || name[0] == '.' || depth >= 64) continue;
            walk(entry.path(), prefix + name + "/", files, unreadable, stale, depth + 1);
            continue;
        }
        if (stale && status.type() == fs::file_type::regular && is_stale_temporary(entry, name))
            stale->push_back(prefix + name);
        // Everything else named like a register file is listed, whatever its type: the loader
        // decides what it may read and reports what it refuses (a FIFO, a link leaving the workspace).
        if (is_register_name(name)) files.push_back(prefix + name);
    }
    if (ec && unreadable) unreadable->push_back(prefix.empty() ? std::string(".") : prefix);
}

}  // namespace

std::vector<std::string> list_register_files(const fs::path& root, std::vector<std::string>* unreadable_folders,
                                             std::vector<std::string>* stale_temporaries) {
    std::vector<std::string> files;
    walk(root, "", files, unreadable_folders, stale_temporaries, 0);
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        bool a_marker = a == workspace_marker, b_marker = b == workspace_marker;
        if (a_marker != b_marker) return a_marker;
        return a < b;
    });
    return files;
}

fs::path default_database_path(const fs::path& root) { return root / state_folder / "state.db"; }

namespace {

// A scalar under gdpr.yaml's `settings:`, read from gdpr.yaml alone: a command that needs only its
// store or its zone need not load every register file. The loader checks the same fields with the
// rest of the register; a broken gdpr.yaml is reported by the commands that read the register, so
// here it reads as unset.
std::optional<yaml::Node> marker_setting(const fs::path& root, std::string_view field) {
    std::string text;
    if (io::read_confined(root, root / workspace_marker, io::max_register_file_bytes, text).status !=
        io::ReadStatus::ok)
        return std::nullopt;
    diag::Sink ignored;
    auto parsed = yaml::parse(text, workspace_marker, ignored);
    yaml::Node* settings = parsed.documents.empty() ? nullptr : parsed.documents.front().find("settings");
    yaml::Node* value = settings ? settings->find(field) : nullptr;
    if (!value || !value->is_scalar() || value->value.empty()) return std::nullopt;
    return std::move(*value);
}

}  // namespace

std::string configured_store_location(const fs::path& root) {
    if (auto store = marker_setting(root, "store")) {
        if (store::is_server_location(store->value)) return store->value;
        const fs::path path(store->value);
        return (path.is_absolute() ? path : root / path).string();
    }
    return default_database_path(root).string();
}

time::Zone workspace_zone(const fs::path& root) {
    auto zone = marker_setting(root, "timezone");
    if (!zone) return time::Zone::utc();
    // The path as the user can open it from where they stand, as check prints its findings.
    const auto file = (root / workspace_marker).lexically_proximate(fs::current_path()).generic_string();
    // The name comes from a pull request and is printed in the error below: anything an IANA name
    // cannot hold (a terminal escape, a line break) is refused without echoing it.
    const bool plain = std::all_of(zone->value.begin(), zone->value.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '/' || c == '_' || c == '+' || c == '-';
    });
    if (!plain)
        throw UsageError(fmt::format("{}:{}:{}: settings.timezone is not an IANA time zone name: it may hold only "
                                     "letters, digits, `/`, `_`, `+` and `-`",
                                     file, zone->pos.line, zone->pos.col),
                         "write an IANA name such as Europe/Amsterdam or UTC");
    return time::Zone::load(zone->value,
                            fmt::format("{}:{}:{}: settings.timezone", file, zone->pos.line, zone->pos.col));
}

time::Date workspace_today(const fs::path& root, time::DateTime now) {
    return workspace_zone(root).date_at(now);
}

}  // namespace gdprctl::reg
