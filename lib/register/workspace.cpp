#include "register/workspace.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
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

std::vector<std::string> list_register_files(const fs::path& root) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        auto name = entry.path().filename().string();
        if (entry.is_directory(ec)) {
            if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
            continue;
        }
        auto extension = entry.path().extension().string();
        if (extension != ".yaml" && extension != ".yml") continue;
        if (!name.empty() && name[0] == '.') continue;
        files.push_back(entry.path().lexically_relative(root).generic_string());
    }
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        bool a_marker = a == workspace_marker, b_marker = b == workspace_marker;
        if (a_marker != b_marker) return a_marker;
        return a < b;
    });
    return files;
}

fs::path default_database_path(const fs::path& root) { return root / state_folder / "state.db"; }

}  // namespace gdprctl::reg
