#include "io/safe_file.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

using namespace gdprctl;
namespace fs = std::filesystem;

TEST_CASE("read_confined reads regular files inside the root only", "[io]") {
    test::TempDir root, outside;
    std::ofstream(root.path() / "a.yaml") << "systems: []\n";
    std::ofstream(outside.path() / "secret.yaml") << "token: hunter2\n";
    std::string text;

    CHECK(io::read_confined(root.path(), root.path() / "a.yaml", 1024, text).status == io::ReadStatus::ok);
    CHECK(text == "systems: []\n");

    fs::create_symlink(outside.path() / "secret.yaml", root.path() / "out.yaml");
    CHECK(io::read_confined(root.path(), root.path() / "out.yaml", 1024, text).status ==
          io::ReadStatus::outside_workspace);
    CHECK(text.empty());

    fs::create_symlink("a.yaml", root.path() / "in.yaml");  // a link that stays inside is fine
    CHECK(io::read_confined(root.path(), root.path() / "in.yaml", 1024, text).status == io::ReadStatus::ok);

    REQUIRE(::mkfifo((root.path() / "fifo.yaml").c_str(), 0600) == 0);
    auto fifo = io::read_confined(root.path(), root.path() / "fifo.yaml", 1024, text);
    CHECK(fifo.status == io::ReadStatus::not_regular);
    CHECK(fifo.detail.find("FIFO") != std::string::npos);

    CHECK(io::read_confined(root.path(), root.path() / "a.yaml", 4, text).status == io::ReadStatus::too_large);
    CHECK(io::read_confined(root.path(), root.path() / "none.yaml", 1024, text).status == io::ReadStatus::missing);
    fs::create_symlink("loop.yaml", root.path() / "loop.yaml");
    CHECK(io::read_confined(root.path(), root.path() / "loop.yaml", 1024, text).status == io::ReadStatus::link_loop);
}

TEST_CASE("is_inside compares whole path components", "[io]") {
    CHECK(io::is_inside("/w/ws/a.yaml", "/w/ws"));
    CHECK(io::is_inside("/w/ws", "/w/ws"));
    CHECK_FALSE(io::is_inside("/w/ws2/a.yaml", "/w/ws"));
    CHECK_FALSE(io::is_inside("/etc/passwd", "/w/ws"));
}
