#include "register/loader.hpp"

#include "io/safe_file.hpp"
#include "register/move_append.hpp"
#include "register/text_checks.hpp"
#include "register/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace gdprctl::reg {
namespace {

// A file that cannot be read as register text is a finding, never a silent omission, and is
// never opened in a way that could block or leave the workspace.
void report_unread(const io::ReadResult& read, const std::string& file, diag::Sink& sink) {
    diag::Diagnostic d;
    d.path = file;
    switch (read.status) {
        case io::ReadStatus::ok: return;
        case io::ReadStatus::outside_workspace:
            d.rule_id = "file-outside-workspace";
            d.message = fmt::format("`{}` is a link to a file outside the workspace; it was not read", file);
            d.hint = "copy the file into the workspace, or remove the link";
            break;
        case io::ReadStatus::not_regular:
            d.rule_id = "file-not-regular";
            d.message = fmt::format("`{}` is {}, not a regular file; it was not read", file, read.detail);
            d.hint = "register files are regular text files; remove or rename this one";
            break;
        case io::ReadStatus::too_large:
            d.rule_id = "file-too-large";
            d.message = fmt::format("`{}` is larger than a register file may be ({}, the limit is {} MiB); it was not read",
                                    file, read.detail, io::max_register_file_bytes >> 20);
            d.hint = "split the register into several files";
            break;
        case io::ReadStatus::link_loop:
            d.rule_id = "file-unreadable";
            d.message = fmt::format("cannot read `{}`: it is a symbolic link loop", file);
            d.hint = "point the link at a real file, or remove it";
            break;
        case io::ReadStatus::missing:
        case io::ReadStatus::unreadable:
            d.rule_id = "file-unreadable";
            d.message = fmt::format("cannot read `{}`: {}", file, read.detail);
            d.hint = "check the file's permissions";
            break;
    }
    sink.add(std::move(d));
}

constexpr std::size_t files_per_thread = 8;


}  // namespace

diag::SourceTexts LoadResult::sources() const {
    diag::SourceTexts sources;
    for (std::size_t i = 0; i < texts.size() && i < reg.files.size(); ++i)
        if (!texts[i].empty()) sources.add(reg.files[i], texts[i]);
    return sources;
}

std::vector<std::string> LoadResult::unread_paths() const {
    static constexpr std::string_view unread_rules[] = {
        "file-unreadable", "file-not-regular",  "file-outside-workspace",   "file-too-large",
        "folder-unreadable", "yaml-syntax", "yaml-expansion-too-large",
    };
    std::vector<std::string> paths;
    for (const auto& d : diagnostics)
        if (std::find(std::begin(unread_rules), std::end(unread_rules), d.rule_id) != std::end(unread_rules))
            paths.push_back(d.path);
    return paths;
}

LoadResult load_register(const std::filesystem::path& root, unsigned threads) {
    LoadResult result;
    result.reg.root = root.string();
    std::vector<std::string> unreadable_folders, stale_temporaries;
    result.reg.files = list_register_files(root, &unreadable_folders, &stale_temporaries);
    for (const auto& file : stale_temporaries)
        result.diagnostics.push_back(
            {"stale-temp-file", diag::Severity::warning, file, {},
             fmt::format("`{}` is a temporary file left by an interrupted write; the register file it was meant to "
                         "replace kept its previous content",
                         file),
             "", "delete it (the next write of that file also removes it)", ""});
    const auto& files = result.reg.files;
    for (const auto& folder : unreadable_folders)
        result.diagnostics.push_back({"folder-unreadable", diag::Severity::error, folder, {},
                                      fmt::format("cannot list folder `{}`: its register files were not checked", folder),
                                      "", "check the folder's permissions (it needs r and x)", ""});

    std::vector<FilePart> parts(files.size());
    result.texts.resize(files.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            std::string& text = result.texts[i];
            auto read = io::read_confined(root, root / files[i], io::max_register_file_bytes, text);
            if (read.status != io::ReadStatus::ok) {
                text.clear();
                report_unread(read, files[i], parts[i].sink);
                continue;
            }
            if (!check_register_text(text, files[i], parts[i].sink)) continue;
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
    result.diagnostics.reserve(result.diagnostics.size() + diagnostics);
    for (auto& part : parts) {
        if (part.organization) reg.organization = std::move(part.organization);
        if (part.policy) reg.policy = std::move(part.policy);
        if (part.settings) reg.settings = std::move(*part.settings);
        for (auto& category : part.taxonomy) reg.taxonomy.add(std::move(category));
        move_append(reg.systems, part.systems);
        move_append(reg.recipients, part.recipients);
        move_append(reg.cookies, part.cookies);
        move_append(result.diagnostics, part.sink.items());
    }
    cross_check(reg, result.diagnostics);
    return result;
}

}  // namespace gdprctl::reg
