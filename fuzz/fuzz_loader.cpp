// The register loader: any bytes become findings, never a crash, a hang or unbounded memory. The
// same path as `check` takes per file (text checks, parse with the alias budget, decode), then
// the cross-file checks and every rule on the result.
#include "register/loader.hpp"
#include "register/text_checks.hpp"
#include "rules/lint.hpp"
#include "time/date.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gdprctl;
    std::string text(reinterpret_cast<const char*>(data), size);
    // The first byte chooses whether the file is the workspace file (gdpr.yaml) or a system file.
    const bool workspace_file = size > 0 && (data[0] & 1) != 0;
    const std::string path = workspace_file ? "gdpr.yaml" : "systems/fuzz.yaml";
    reg::FilePart part;
    if (reg::check_register_text(text, path, part.sink))
        reg::decode_file(text, path, 0, workspace_file, part);
    model::Register reg;
    reg.files = {path};
    if (part.organization) reg.organization = std::move(part.organization);
    if (part.policy) reg.policy = std::move(part.policy);
    if (part.settings) reg.settings = std::move(*part.settings);
    for (auto& category : part.taxonomy) reg.taxonomy.add(std::move(category));
    reg.systems = std::move(part.systems);
    reg.recipients = std::move(part.recipients);
    reg.cookies = std::move(part.cookies);
    auto diagnostics = part.sink.take();
    reg::cross_check(reg, diagnostics);
    rules::lint(reg, time::Date::from_ymd(2026, 11, 25), diagnostics);
    return 0;
}
