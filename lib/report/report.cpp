#include "report/report.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "register/loader.hpp"
#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::report {
namespace {

struct Loaded {
    model::Register reg;
    std::size_t errors = 0;  // structural errors found while loading
};

std::string folded(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void keep_subjects(model::Register& reg, const std::vector<std::string>& wanted) {
    std::vector<std::string> known;
    for (const auto& system : reg.systems)
        for (const auto& subject : system.subjects)
            if (std::find(known.begin(), known.end(), folded(subject)) == known.end()) known.push_back(folded(subject));
    for (const auto& subject : wanted)
        if (std::find(known.begin(), known.end(), folded(subject)) == known.end()) {
            std::vector<std::string_view> names(known.begin(), known.end());
            auto hint = diag::did_you_mean(subject, names);
            throw UsageError(fmt::format("--subjects `{}`: no system processes data about `{}`", subject, subject),
                             hint.empty() ? fmt::format("the register names: {}", fmt::join(known, ", ")) : hint);
        }
    std::erase_if(reg.systems, [&](const model::System& system) {
        return std::none_of(system.subjects.begin(), system.subjects.end(), [&](const std::string& subject) {
            return std::any_of(wanted.begin(), wanted.end(),
                               [&](const std::string& w) { return folded(w) == folded(subject); });
        });
    });
    // Cookies of other audiences' systems go; a cookie tied to no system stays (it is the website's).
    std::erase_if(reg.cookies, [&](const model::Cookie& cookie) {
        return !cookie.system.empty() && !reg.find_system(cookie.system);
    });
    std::erase_if(reg.recipients, [&](const model::Recipient& recipient) {
        bool by_system = std::any_of(reg.systems.begin(), reg.systems.end(), [&](const model::System& system) {
            return std::find(system.recipients.begin(), system.recipients.end(), recipient.id) !=
                   system.recipients.end();
        });
        bool by_cookie = std::any_of(reg.cookies.begin(), reg.cookies.end(),
                                     [&](const model::Cookie& cookie) { return cookie.provider == recipient.id; });
        return !by_system && !by_cookie;
    });
}

Loaded load(const std::filesystem::path& root) {
    auto loaded = reg::load_register(root);
    rules::apply_catalogue(loaded.diagnostics, loaded.reg.settings.severity);
    auto errors = static_cast<std::size_t>(
        std::count_if(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                      [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; }));
    return {std::move(loaded.reg), errors};
}

}  // namespace

RopaRecord load_ropa(const std::filesystem::path& root, time::Date as_of) {
    auto loaded = load(root);
    return build_ropa(loaded.reg, as_of, loaded.errors);
}

NoticeRecord load_notice(const std::filesystem::path& root, time::Date as_of, const std::vector<std::string>& subjects,
                         Language language) {
    auto loaded = load(root);
    if (!subjects.empty()) keep_subjects(loaded.reg, subjects);
    return build_notice(loaded.reg, as_of, loaded.errors, language);
}

}  // namespace gdprctl::report
