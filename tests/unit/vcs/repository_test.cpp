#include "vcs/repository.hpp"

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

#include <fstream>

using namespace gdprctl;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}
}  // namespace

TEST_CASE("a prefix relative to the root never holds `//`", "[vcs]") {
    test::TempDir dir;
    fs::create_directories(dir.path() / "register" / "systems");
    auto [path, expected] = GENERATE(table<std::string, std::string>({
        {"register", "register/"},
        {"register/", "register/"},
        {"./register//", "register/"},
        {"register/systems/..", "register/"},
        {".", ""},
        {"register/systems", "register/systems/"},
    }));
    CHECK(vcs::relative_prefix(dir.path() / path, dir.path()) == expected);
    CHECK(vcs::relative_prefix(dir.path(), dir.path() / "register") == "../");
}

TEST_CASE("remotes lose their credentials and become URIs", "[vcs]") {
    auto [remote, expected] = GENERATE(table<std::string, std::string>({
        {"https://ci-bot:s3cret@git.example.org/acme/privacy.git", "https://git.example.org/acme/privacy.git"},
        {"https://github.com/acme/privacy", "https://github.com/acme/privacy"},
        {"git@github.com:acme/privacy.git", "ssh://github.com/acme/privacy.git"},
        {"ssh://git@host:2222/x.git", "ssh://host:2222/x.git"},
    }));
    CHECK(vcs::public_remote_uri(remote) == expected);
    CHECK_FALSE(vcs::public_remote_uri("/srv/git/privacy.git"));
    CHECK_FALSE(vcs::public_remote_uri("file:///srv/git/privacy.git"));
}

TEST_CASE("relative paths are percent-encoded as URI references", "[vcs]") {
    CHECK(vcs::uri_path("register/systems/crm.yaml") == "register/systems/crm.yaml");
    CHECK(vcs::uri_path("a b/c:d,e%.yaml") == "a%20b/c%3Ad%2Ce%25.yaml");
    CHECK(vcs::uri_path("caf\xc3\xa9.yaml") == "caf%C3%A9.yaml");
}

TEST_CASE("the repository is the git top level above the workspace, read without running git", "[vcs]") {
    test::TempDir dir;
    auto top = dir.path() / "repo";
    const std::string head = "0123456789abcdef0123456789abcdef01234567";
    write(top / ".git" / "HEAD", "ref: refs/heads/main\n");
    write(top / ".git" / "refs" / "heads" / "main", head + "\n");
    write(top / ".git" / "config", "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://u:p@example.org/a/b.git\n");
    fs::create_directories(top / "register" / "systems");

    auto repo = vcs::find_repository(top / "register", dir.path());
    CHECK(repo.is_git);
    CHECK(repo.root == fs::weakly_canonical(top));
    CHECK(repo.branch == "main");
    CHECK(repo.revision == head);
    CHECK(repo.remote_uri == "https://example.org/a/b.git");

    SECTION("a packed ref") {
        fs::remove(top / ".git" / "refs" / "heads" / "main");
        write(top / ".git" / "packed-refs", "# pack-refs with: peeled\n" + head + " refs/heads/main\n");
        CHECK(vcs::find_repository(top, dir.path()).revision == head);
    }
    SECTION("a worktree's .git file") {
        auto worktree = dir.path() / "wt";
        auto admin = top / ".git" / "worktrees" / "wt";
        const std::string other = "fedcba9876543210fedcba9876543210fedcba98";
        write(worktree / ".git", "gitdir: " + admin.string() + "\n");
        write(admin / "HEAD", other + "\n");
        write(admin / "commondir", "../..\n");
        auto tree = vcs::find_repository(worktree, dir.path());
        CHECK(tree.root == fs::weakly_canonical(worktree));
        CHECK(tree.revision == other);
        CHECK(tree.branch.empty());
        CHECK(tree.remote_uri == "https://example.org/a/b.git");
    }
    SECTION("no git: the current folder") {
        auto plain = dir.path() / "plain";
        fs::create_directories(plain);
        auto none = vcs::find_repository(plain, dir.path());
        CHECK_FALSE(none.is_git);
        CHECK(none.root == fs::weakly_canonical(dir.path()));
    }
}
