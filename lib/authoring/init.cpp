#include "authoring/init.hpp"

#include "authoring/candidate.hpp"
#include "diag/suggest.hpp"
#include "edit/atomic_file.hpp"
#include "edit/yaml_edit.hpp"
#include "errors.hpp"
#include "model/vocabulary.hpp"
#include "register/schemas.hpp"
#include "register/workspace.hpp"

#include <fmt/format.h>

namespace gdprctl::authoring {
namespace fs = std::filesystem;

std::vector<std::string> missing_init_fields(const InitOptions& options) {
    std::vector<std::string> missing;
    if (options.org.empty()) missing.push_back("--org");
    if (options.country.empty()) missing.push_back("--country");
    if (options.contact.empty()) missing.push_back("--contact");
    if (options.responsible.empty()) missing.push_back("--responsible");
    if (options.authority.empty()) missing.push_back("--authority");
    return missing;
}

void validate_init_field(const std::string& field, const std::string& value) {
    if (value.find_first_not_of(" \t") == std::string::npos)
        throw UsageError(fmt::format("--{} is empty", field), "give it a value");
    auto country = value;
    normalise_country(country);
    if (field == "country" && !model::looks_like_country_code(country))
        throw UsageError(fmt::format("--country `{}` is not an ISO 3166-1 alpha-2 code", value),
                         "write two letters, e.g. NL, DE, BE");
}

void refuse_existing_workspace(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir / reg::workspace_marker, ec) || fs::exists(dir / reg::state_folder, ec))
        throw UsageError(fmt::format("`{}` already holds a gdprctl workspace; nothing was changed", dir.string()),
                         "use the existing workspace, or pick another folder");
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw UsageError(fmt::format("`{}` exists and is not a folder", dir.string()));
}

std::vector<std::string> init_workspace(const InitOptions& given) {
    auto options = given;
    normalise_country(options.country);
    auto missing = missing_init_fields(options);
    if (!missing.empty())
        throw UsageError(fmt::format("init needs {}", fmt::join(missing, ", ")),
                         "pass them as flags, or run init on a terminal to be asked");
    for (const auto& [field, value] : {std::pair<std::string, const std::string&>{"org", options.org},
                                       {"country", options.country},
                                       {"contact", options.contact},
                                       {"responsible", options.responsible},
                                       {"authority", options.authority}})
        validate_init_field(field, value);

    const fs::path& dir = options.dir;
    refuse_existing_workspace(dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw EnvironmentError(fmt::format("cannot create `{}`: {}", dir.string(), ec.message()));

    auto q = [](const std::string& value) { return edit::render_scalar(value); };
    bool email = options.contact.find('@') != std::string::npos;
    std::string text;
    text += schema_modeline(dir, dir, "gdpr.schema.json") + "\n";
    text +=
        "# The workspace of a Register of Systems: who the controller is, when the privacy policy was\n"
        "# last reviewed and workspace settings. Systems, recipients and cookies live in the other\n"
        "# *.yaml files (see systems/); run `gdprctl check` after every change.\n";
    text += "organization:\n";
    text += fmt::format("  name: {}\n", q(options.org));
    text += fmt::format("  country: {}\n", q(options.country));
    text += fmt::format("  contact: {{{}: {}}}\n", email ? "email" : "phone", q(options.contact));
    text += fmt::format("  responsible_person: {{role: {}}}\n", q(options.responsible));
    text += fmt::format("  supervisory_authority: {}\n", q(options.authority));
    text += "policy:\n";
    text += fmt::format("  version: {}\n", q(options.today.to_string()));
    text += fmt::format("  last_review: {}\n", options.today.to_string());
    text += "  review_interval: P1Y\n";
    text += "settings:\n";
    text += "  system_review_interval: P1Y\n";
    text += "  holidays: []  # public holidays that move request deadlines, e.g. [2026-12-25, 2026-12-26]\n";

    std::vector<std::string> made;
    edit::make_directory(dir / reg::state_folder, 0700);
    edit::write_atomically(edit::read_snapshot(dir / reg::state_folder / ".gitignore", dir),
                           "# The operational store holds personal data: it never goes into git.\n*\n");
    made.push_back(std::string(reg::state_folder) + "/.gitignore");
    for (const auto& name : reg::write_schemas(dir / reg::schema_folder))
        made.push_back(fmt::format("{}/{}", reg::schema_folder, name));
    edit::make_directory(dir / "systems", 0755);
    made.push_back("systems/");
    edit::write_atomically(edit::read_snapshot(dir / reg::workspace_marker, dir), text);
    made.push_back(reg::workspace_marker);
    return made;
}

}  // namespace gdprctl::authoring
