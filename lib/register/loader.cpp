#include "register/loader.hpp"

#include "register/workspace.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

namespace gdprctl::reg {
namespace {

bool read_whole_file(const std::filesystem::path& path, std::string& out) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return false;
    out.clear();
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) out.append(buffer, n);
    return !std::ferror(file.get());
}

constexpr std::size_t files_per_thread = 8;

// Moves `from` to the end of `into` and releases `from`'s storage at once, so that a file's
// part and the merged register do not both hold every system at the peak.
template <typename T>
void append(std::vector<T>& into, std::vector<T>& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    std::vector<T>().swap(from);
}

}  // namespace

LoadResult load_register(const std::filesystem::path& root, unsigned threads) {
    LoadResult result;
    result.reg.root = root.string();
    result.reg.files = list_register_files(root);
    const auto& files = result.reg.files;

    std::vector<FilePart> parts(files.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        std::string text;
        for (std::size_t i = next++; i < files.size(); i = next++) {
            if (!read_whole_file(root / files[i], text)) {
                parts[i].sink.add({"file-unreadable", diag::Severity::error, files[i], {},
                                   fmt::format("cannot read `{}`", files[i]), "", "check the file's permissions", ""});
                continue;
            }
            decode_file(text, files[i], static_cast<int>(i), files[i] == workspace_marker, parts[i]);
        }
    };
    if (threads == 0) {
        // A thread costs more to start than a few small files take to parse: small registers
        // (`check` of one system must stay near process start-up) run on the calling thread.
        threads = std::max(1u, std::thread::hardware_concurrency());
        threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, files.size() / files_per_thread)));
    }
    threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, files.size())));
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
    }

    auto& reg = result.reg;
    std::size_t systems = 0, recipients = 0, cookies = 0, diagnostics = 0;
    for (const auto& part : parts) {
        systems += part.systems.size();
        recipients += part.recipients.size();
        cookies += part.cookies.size();
        diagnostics += part.sink.items().size();
    }
    // Sized once: growing a vector of 10,000 systems by doubling moves each several times.
    reg.systems.reserve(systems);
    reg.recipients.reserve(recipients);
    reg.cookies.reserve(cookies);
    result.diagnostics.reserve(diagnostics);
    for (auto& part : parts) {
        if (part.organization) reg.organization = std::move(part.organization);
        if (part.policy) reg.policy = std::move(part.policy);
        if (part.settings) reg.settings = std::move(*part.settings);
        for (auto& category : part.taxonomy) reg.taxonomy.add(std::move(category));
        append(reg.systems, part.systems);
        append(reg.recipients, part.recipients);
        append(reg.cookies, part.cookies);
        append(result.diagnostics, part.sink.items());
    }
    cross_check(reg, result.diagnostics);
    return result;
}

}  // namespace gdprctl::reg
