#include "output/atomic_write.hpp"

#include "errors.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

fs::path fresh_folder() {
    auto folder = fs::temp_directory_path() / ("gdprctl-atomic-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}
}  // namespace

TEST_CASE("atomic write creates and replaces a file and leaves no temporary file", "[output]") {
    auto folder = fresh_folder();
    auto target = folder / "report.md";
    gdprctl::output::write_file_atomically(target, "first\n");
    CHECK(slurp(target) == "first\n");
    gdprctl::output::write_file_atomically(target, "second, longer\n");
    CHECK(slurp(target) == "second, longer\n");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
    CHECK(entries == 1);
    fs::remove_all(folder);
}

TEST_CASE("atomic write into a missing folder is an environment error", "[output]") {
    auto folder = fresh_folder();
    CHECK_THROWS_AS(gdprctl::output::write_file_atomically(folder / "no" / "such" / "x.md", "text"),
                    gdprctl::EnvironmentError);
    fs::remove_all(folder);
}
