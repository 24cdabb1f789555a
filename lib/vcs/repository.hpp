#pragma once

#include <filesystem>
#include <optional>
#include <string>

// Where printed paths start from, and what version control says about it.
//
// Every format writes a finding's path relative to one folder, the repository root: the git top
// level holding the workspace when there is one (GitHub resolves SARIF uris and annotation paths
// against it), otherwise the current folder. The git facts are read from the files under .git,
// never by running git: a register from a pull request may carry a hostile .git/config.
namespace gdprctl::vcs {

struct Repository {
    std::filesystem::path root;  // absolute, normalised, no trailing separator
    bool is_git = false;
    std::string revision;        // the commit HEAD points at (40 hex digits), empty when unknown
    std::string branch;          // e.g. "main"; empty on a detached HEAD
    std::string remote_uri;      // remote "origin" as a URI without user or password, empty when none
};

// The git top level at or above `workspace` (a folder holding a `.git` folder or file), or `cwd`
// when there is none.
Repository find_repository(const std::filesystem::path& workspace, const std::filesystem::path& cwd);

// `path` relative to `root` as a '/'-separated prefix ending in '/' ("examples/unexus/"), "" when
// they are the same folder. `..` steps when `path` lies outside `root`. Never contains "//".
std::string relative_prefix(const std::filesystem::path& path, const std::filesystem::path& root);

// A remote as it may be written in .git/config, as a URI without credentials:
// "https://user:token@host/x.git" -> "https://host/x.git", "git@host:org/x.git" -> "ssh://host/org/x.git".
// nullopt for what is not a network remote (a local path).
std::optional<std::string> public_remote_uri(const std::string& remote);

// A relative path as a URI reference: every byte outside RFC 3986's unreserved set and '/' is
// percent-encoded, so that "a b:c.yaml" cannot be read as a scheme or break the reference.
std::string uri_path(std::string_view relative_path);

}  // namespace gdprctl::vcs
