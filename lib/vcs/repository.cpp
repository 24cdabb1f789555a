#include "vcs/repository.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace gdprctl::vcs {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_git_file = 1 << 20;  // HEAD, refs and config are small; bound the read

std::optional<std::string> read_small_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;  // never block on a fifo or device
    auto size = fs::file_size(path, ec);
    if (ec || size > max_git_file) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trim(std::string text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

bool is_hex_id(const std::string& text) {
    if (text.size() != 40 && text.size() != 64) return false;
    return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The git folder of a work tree: `.git` itself, or the folder a `.git` file points at (worktrees,
// submodules).
std::optional<fs::path> git_dir_of(const fs::path& top) {
    std::error_code ec;
    auto dot_git = top / ".git";
    if (fs::is_directory(dot_git, ec)) return dot_git;
    auto text = read_small_file(dot_git);
    if (!text) return std::nullopt;
    auto line = trim(*text);
    if (line.rfind("gitdir:", 0) != 0) return std::nullopt;
    fs::path dir = trim(line.substr(7));
    if (dir.is_relative()) dir = top / dir;
    return dir.lexically_normal();
}

std::optional<std::string> resolve_ref(const fs::path& git_dir, const fs::path& common_dir, const std::string& ref) {
    for (const auto& base : {git_dir, common_dir}) {
        if (auto text = read_small_file(base / ref)) {
            auto id = trim(*text);
            if (is_hex_id(id)) return id;
        }
    }
    if (auto packed = read_small_file(common_dir / "packed-refs")) {
        std::istringstream lines(*packed);
        std::string line;
        while (std::getline(lines, line)) {
            auto space = line.find(' ');
            if (space == std::string::npos || line[0] == '#' || line[0] == '^') continue;
            if (trim(line.substr(space + 1)) == ref && is_hex_id(line.substr(0, space))) return line.substr(0, space);
        }
    }
    return std::nullopt;
}

// `url` of [remote "origin"] in a git config file.
std::optional<std::string> origin_url(const std::string& config) {
    std::istringstream lines(config);
    std::string line;
    bool in_origin = false;
    while (std::getline(lines, line)) {
        auto text = trim(line);
        if (text.empty() || text[0] == '#' || text[0] == ';') continue;
        if (text[0] == '[') {
            in_origin = text == "[remote \"origin\"]";
            continue;
        }
        if (!in_origin) continue;
        auto equals = text.find('=');
        if (equals == std::string::npos || trim(text.substr(0, equals)) != "url") continue;
        return trim(text.substr(equals + 1));
    }
    return std::nullopt;
}

void read_git_facts(Repository& repo) {
    auto git_dir = git_dir_of(repo.root);
    if (!git_dir) return;
    fs::path common_dir = *git_dir;
    if (auto common = read_small_file(*git_dir / "commondir")) {
        fs::path dir = trim(*common);
        common_dir = (dir.is_relative() ? *git_dir / dir : dir).lexically_normal();
    }
    if (auto head = read_small_file(*git_dir / "HEAD")) {
        auto text = trim(*head);
        if (text.rfind("ref:", 0) == 0) {
            auto ref = trim(text.substr(4));
            if (ref.rfind("refs/heads/", 0) == 0) repo.branch = ref.substr(11);
            if (ref.find("..") == std::string::npos)
                if (auto id = resolve_ref(*git_dir, common_dir, ref)) repo.revision = *id;
        } else if (is_hex_id(text)) {
            repo.revision = text;
        }
    }
    if (auto config = read_small_file(common_dir / "config"))
        if (auto url = origin_url(*config))
            if (auto uri = public_remote_uri(*url)) repo.remote_uri = *uri;
}

}  // namespace

Repository find_repository(const fs::path& workspace, const fs::path& cwd) {
    std::error_code ec;
    Repository repo;
    fs::path dir = fs::weakly_canonical(fs::absolute(workspace, ec), ec);
    while (!dir.empty()) {
        if (fs::exists(dir / ".git", ec)) {
            repo.root = dir;
            repo.is_git = true;
            read_git_facts(repo);
            return repo;
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir) break;
        dir = dir.parent_path();
    }
    repo.root = fs::weakly_canonical(fs::absolute(cwd, ec), ec);
    return repo;
}

std::string relative_prefix(const fs::path& path, const fs::path& root) {
    std::error_code ec;
    auto canonical_path = fs::weakly_canonical(fs::absolute(path, ec), ec);
    auto canonical_root = fs::weakly_canonical(fs::absolute(root, ec), ec);
    auto relative = canonical_path.lexically_relative(canonical_root).generic_string();
    if (relative.empty()) relative = canonical_path.generic_string();  // another root name: keep it whole
    while (!relative.empty() && relative.back() == '/') relative.pop_back();
    if (relative.empty() || relative == ".") return {};
    return relative + "/";
}

std::optional<std::string> public_remote_uri(const std::string& remote) {
    auto scheme_end = remote.find("://");
    if (scheme_end != std::string::npos) {
        auto scheme = remote.substr(0, scheme_end);
        if (scheme == "file") return std::nullopt;
        auto authority_begin = scheme_end + 3;
        auto path_begin = remote.find('/', authority_begin);
        auto authority = remote.substr(authority_begin, path_begin == std::string::npos ? std::string::npos
                                                                                        : path_begin - authority_begin);
        if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
        if (authority.empty()) return std::nullopt;
        auto path = path_begin == std::string::npos ? std::string() : remote.substr(path_begin);
        return scheme + "://" + authority + path;
    }
    // scp-like syntax: [user@]host:path (a colon before any slash).
    auto colon = remote.find(':');
    auto slash = remote.find('/');
    if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return std::nullopt;
    auto host = remote.substr(0, colon);
    if (auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
    if (host.empty()) return std::nullopt;
    auto path = remote.substr(colon + 1);
    if (path.empty() || path[0] != '/') path = "/" + path;
    return "ssh://" + host + path;
}

std::string uri_path(std::string_view relative_path) {
    std::string out;
    out.reserve(relative_path.size());
    for (unsigned char c : relative_path) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '.' || c == '_' || c == '~' || c == '/';
        if (plain)
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", static_cast<unsigned>(c));
    }
    return out;
}

}  // namespace gdprctl::vcs
