// The floor for `gdprctl check`: bare yaml-cpp over the same files, single-threaded, doing
// nothing with the result. `tree` builds yaml-cpp's own node trees (YAML::LoadAllFromFile's
// work); `events` streams the event API with a handler that does nothing. Files are read once
// into memory before timing starts in neither mode: reading is part of the work, as in check.
//
//     bench_yaml_parse tree|events ROOT
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

class NullHandler : public YAML::EventHandler {
public:
    std::size_t events = 0;
    void OnDocumentStart(const YAML::Mark&) override { ++events; }
    void OnDocumentEnd() override { ++events; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnSequenceEnd() override { ++events; }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        ++events;
    }
    void OnMapEnd() override { ++events; }
};

std::vector<fs::path> yaml_files(const fs::path& root) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        auto name = it->path().filename().string();
        if (it->is_directory()) {
            if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
            continue;
        }
        auto ext = it->path().extension();
        if ((ext == ".yaml" || ext == ".yml") && name[0] != '.') files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || (std::string(argv[1]) != "tree" && std::string(argv[1]) != "events")) {
        std::cerr << "usage: bench_yaml_parse tree|events ROOT\n";
        return 2;
    }
    bool tree = std::string(argv[1]) == "tree";
    std::size_t nodes = 0, errors = 0;
    NullHandler handler;
    auto files = yaml_files(argv[2]);
    for (const auto& path : files) {
        try {
            if (tree) {
                nodes += YAML::LoadAllFromFile(path.string()).size();
            } else {
                std::ifstream in(path, std::ios::binary);
                YAML::Parser parser(in);
                while (parser.HandleNextDocument(handler)) {
                }
            }
        } catch (const YAML::Exception&) {
            ++errors;
        }
    }
    std::printf("%zu files, %zu %s, %zu syntax errors\n", files.size(), tree ? nodes : handler.events,
                tree ? "documents" : "events", errors);
    return 0;
}
