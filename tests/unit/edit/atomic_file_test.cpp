#include "edit/atomic_file.hpp"
#include "errors.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <fstream>
#include <sstream>

using namespace gdprctl;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gdprctl-atomic-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& entry : fs::directory_iterator(path)) out.push_back(entry.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

void write_plain(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string read_plain(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

TEST_CASE("write_atomically replaces the file and keeps its mode", "[atomic_file]") {
    TempDir dir;
    auto file = dir.path / "crm.yaml";
    write_plain(file, "old\n");
    ::chmod(file.c_str(), 0640);
    auto snapshot = edit::read_snapshot(file);
    REQUIRE(snapshot.exists);
    REQUIRE(snapshot.text == "old\n");
    edit::write_atomically(snapshot, "new\n");
    CHECK(read_plain(file) == "new\n");
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    CHECK(dir.names() == std::vector<std::string>{"crm.yaml"});
}

TEST_CASE("write_atomically creates a new file", "[atomic_file]") {
    TempDir dir;
    auto snapshot = edit::read_snapshot(dir.path / "new.yaml");
    CHECK_FALSE(snapshot.exists);
    edit::write_atomically(snapshot, "systems:\n");
    CHECK(read_plain(dir.path / "new.yaml") == "systems:\n");
}

TEST_CASE("a concurrent edit between read and write is detected and kept", "[atomic_file]") {
    TempDir dir;
    auto file = dir.path / "crm.yaml";
    write_plain(file, "ours: 1\n");
    auto snapshot = edit::read_snapshot(file);

    SECTION("edited before the write starts") {
        write_plain(file, "theirs: 2\n");
        CHECK_THROWS_AS(edit::write_atomically(snapshot, "ours: 3\n"), Refusal);
    }
    SECTION("edited while the temporary file is being written") {
        auto hook = [&](const fs::path& temp) {
            CHECK(read_plain(temp) == "ours: 3\n");  // the new content is complete before the check
            write_plain(file, "theirs: 2\n");
        };
        CHECK_THROWS_AS(edit::write_atomically(snapshot, "ours: 3\n", hook), Refusal);
    }
    CHECK(read_plain(file) == "theirs: 2\n");
    CHECK(dir.names() == std::vector<std::string>{"crm.yaml"});
}

TEST_CASE("a file created by someone else meanwhile is not overwritten", "[atomic_file]") {
    TempDir dir;
    auto file = dir.path / "crm.yaml";
    auto snapshot = edit::read_snapshot(file);
    write_plain(file, "theirs\n");
    CHECK_THROWS_AS(edit::write_atomically(snapshot, "ours\n"), Refusal);
    CHECK(read_plain(file) == "theirs\n");
}

TEST_CASE("a failure before the rename leaves the old file and no temporary file", "[atomic_file]") {
    TempDir dir;
    auto file = dir.path / "crm.yaml";
    write_plain(file, "old\n");
    auto snapshot = edit::read_snapshot(file);
    fs::path seen;
    auto crash = [&](const fs::path& temp) {
        seen = temp;
        CHECK(fs::exists(temp));
        throw std::runtime_error("simulated crash");
    };
    CHECK_THROWS_WITH(edit::write_atomically(snapshot, "new\n", crash), "simulated crash");
    CHECK(read_plain(file) == "old\n");
    CHECK_FALSE(fs::exists(seen));
    CHECK(dir.names() == std::vector<std::string>{"crm.yaml"});
}

TEST_CASE("remove_checked refuses to delete a file that changed", "[atomic_file]") {
    TempDir dir;
    auto file = dir.path / "crm.yaml";
    write_plain(file, "old\n");
    auto snapshot = edit::read_snapshot(file);
    write_plain(file, "changed\n");
    CHECK_THROWS_AS(edit::remove_checked(snapshot), Refusal);
    CHECK(read_plain(file) == "changed\n");
    edit::remove_checked(edit::read_snapshot(file));
    CHECK_FALSE(fs::exists(file));
}

TEST_CASE("a symlinked file stays a symlink", "[atomic_file]") {
    TempDir dir;
    auto real = dir.path / "real.yaml";
    auto link = dir.path / "link.yaml";
    write_plain(real, "old\n");
    fs::create_symlink(real.filename(), link);
    edit::write_atomically(edit::read_snapshot(link), "new\n");
    CHECK(fs::is_symlink(link));
    CHECK(read_plain(real) == "new\n");
}

TEST_CASE("writing into a missing folder is an environment error and leaves nothing", "[atomic_file]") {
    TempDir dir;
    auto target = dir.path / "no" / "such" / "report.md";
    CHECK_THROWS_AS(edit::write_atomically(edit::read_snapshot(target), "text"), EnvironmentError);
    CHECK(dir.names().empty());
}
