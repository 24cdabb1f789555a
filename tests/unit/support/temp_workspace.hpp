#pragma once

// A throw-away workspace folder for tests: write files into it, load it, and it is removed at
// the end of the test.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace gdprctl::testing {

class TempWorkspace {
public:
    TempWorkspace() {
        std::random_device device;
        root_ = std::filesystem::temp_directory_path() / ("gdprctl-test-" + std::to_string(device()));
        std::filesystem::create_directories(root_);
    }
    ~TempWorkspace() {
        std::error_code ec;
        std::filesystem::remove_all(root_, ec);
    }
    TempWorkspace(const TempWorkspace&) = delete;
    TempWorkspace& operator=(const TempWorkspace&) = delete;

    const std::filesystem::path& root() const { return root_; }

    void write(const std::string& relative, const std::string& content) const {
        auto path = root_ / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
    }

private:
    std::filesystem::path root_;
};

// A minimal gdpr.yaml that passes every organisation-level rule.
inline const char* minimal_gdpr_yaml =
    "organization:\n"
    "  name: Example B.V.\n"
    "  country: NL\n"
    "  contact: {email: privacy@example.nl}\n"
    "  responsible_person: {role: Information Security Officer, email: iso@example.nl}\n"
    "policy: {version: \"1\", last_review: 2026-04-01, review_interval: P1Y}\n";

}  // namespace gdprctl::testing
