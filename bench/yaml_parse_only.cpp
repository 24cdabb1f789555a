// The floor for `gdprctl check`: bare yaml-cpp over the same files, single-threaded, doing
// nothing with the result. `tree` builds yaml-cpp's own node trees (YAML::LoadAllFromFile's
// work); `events` streams the event API with a handler that does nothing. Reading the files is
// part of the work in every mode, as it is in check. `libyaml` (built when libyaml-dev is
// installed) streams the same files' events through libyaml, the C parser under PyYAML's
// CSafeLoader, to show what another front end would allow.
//
//     bench_yaml_parse tree|events|libyaml ROOT
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#ifdef GDPRCTL_BENCH_LIBYAML
#include <yaml.h>
#endif

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

#ifdef GDPRCTL_BENCH_LIBYAML
// Counts the events of one file; false on a syntax error.
bool libyaml_events(const fs::path& path, std::size_t& events) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return false;
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    bool ok = true;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            ok = false;
            break;
        }
        ++events;
        bool done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return ok;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    std::string mode = argc == 3 ? argv[1] : "";
    if (mode != "tree" && mode != "events" && mode != "libyaml") {
        std::cerr << "usage: bench_yaml_parse tree|events|libyaml ROOT\n";
        return 2;
    }
    bool tree = mode == "tree";
    if (mode == "libyaml") {
#ifdef GDPRCTL_BENCH_LIBYAML
        std::size_t events = 0, failed = 0;
        auto files = yaml_files(argv[2]);
        for (const auto& path : files)
            if (!libyaml_events(path, events)) ++failed;
        std::printf("%zu files, %zu events, %zu syntax errors\n", files.size(), events, failed);
        return 0;
#else
        std::cerr << "bench_yaml_parse: built without libyaml (install libyaml-dev and reconfigure)\n";
        return 2;
#endif
    }
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
