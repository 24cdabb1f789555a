#include "authoring/parties.hpp"

#include "authoring/candidate.hpp"
#include "diag/suggest.hpp"
#include "edit/atomic_file.hpp"
#include "edit/yaml_edit.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::authoring {
namespace fs = std::filesystem;

namespace {

std::string q(const std::string& value) {
    return edit::render_scalar(value);
}

// Appends `body` as a new item of list `key` in `path`, after validating the result.
WriteOutcome append_entry(const fs::path& root, const std::string& path, const char* key, const std::string& body,
                          time::Date today, bool force) {
    WriteOutcome outcome;
    outcome.path = path;
    auto snapshot = edit::read_snapshot(root / path, root);
    std::string text;
    if (snapshot.exists) {
        auto tree = parse_for_edit(snapshot.text, path);
        text = edit::append_item(snapshot.text, tree, key, body);
    } else {
        text = schema_modeline(root, (root / path).parent_path(), "register.schema.json") + "\n";
        text = edit::append_item(text, yaml::Node{}, key, body);
    }
    outcome.diagnostics = validate_candidate(root, changed_lines(path, snapshot.text, text), today);
    if (has_errors(outcome.diagnostics) && !force) return outcome;
    edit::write_atomically(snapshot, text);
    outcome.written = true;
    return outcome;
}

// Removes the entry of list `key` whose `id_field` is `id` from `path`.
void remove_entry(const fs::path& root, const std::string& path, const char* key, const char* id_field,
                  const std::string& id) {
    auto snapshot = edit::read_snapshot(root / path, root);
    auto tree = parse_for_edit(snapshot.text, path);
    auto ref = find_item(tree, key, id_field, id);
    if (!ref.item()) throw UsageError(fmt::format("`{}` is not where the register says ({})", id, path));
    edit::write_atomically(snapshot, edit::remove_item(snapshot.text, *ref.list, ref.index));
}

template <typename Enum>
void check_enum(const std::string& value, const char* flag) {
    if (!value.empty() && !model::parse<Enum>(value))
        throw UsageError(fmt::format("{} `{}` is not one of the allowed values", flag, value),
                         hint_or_list(value, model::names<Enum>()));
}

}  // namespace

std::vector<std::string> missing_recipient_fields(const RecipientFlags& flags) {
    std::vector<std::string> missing;
    if (flags.id.empty()) missing.push_back("--id");
    if (flags.name.empty()) missing.push_back("--name");
    if (flags.role.empty()) missing.push_back("--role");
    if (flags.country.empty()) missing.push_back("--country");
    return missing;
}

void validate_recipient_flags(const RecipientFlags& flags) {
    if (!flags.id.empty()) validate_id(flags.id, "recipient");
    check_enum<model::RecipientRole>(flags.role, "--role");
    check_enum<model::TransferMechanism>(flags.transfer, "--transfer");
    auto country = flags.country;
    normalise_country(country);
    if (!country.empty() && !model::looks_like_country_code(country))
        throw UsageError(fmt::format("--country `{}` is not an ISO 3166-1 alpha-2 code", flags.country),
                         "write two letters, e.g. NL, DE, US");
    if (!flags.agreement_signed.empty() && !time::parse_date(flags.agreement_signed))
        throw UsageError(fmt::format("--agreement-signed `{}` is not a date", flags.agreement_signed),
                         "write YYYY-MM-DD, e.g. 2025-01-01");
}

std::string recipient_entry(const RecipientFlags& flags) {
    std::string body = fmt::format("id: {}\nname: {}\n", q(flags.id), q(flags.name));
    if (!flags.description.empty()) body += fmt::format("description: {}\n", q(flags.description));
    body += fmt::format("role: {}\ncountry: {}", flags.role, flags.country);
    if (!flags.agreement_signed.empty() || !flags.agreement_ref.empty()) {
        std::vector<std::string> parts;
        if (!flags.agreement_signed.empty()) parts.push_back("signed: " + flags.agreement_signed);
        if (!flags.agreement_ref.empty()) parts.push_back("reference: " + q(flags.agreement_ref));
        body += fmt::format("\nagreement: {{{}}}", fmt::join(parts, ", "));
    }
    if (!flags.transfer.empty()) body += fmt::format("\ntransfer: {}", flags.transfer);
    return body;
}

WriteOutcome add_recipient(const fs::path& root, const RecipientFlags& given, time::Date today, bool force) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto flags = given;
    normalise_country(flags.country);
    auto missing = missing_recipient_fields(flags);
    if (!missing.empty())
        throw UsageError(fmt::format("recipient add needs {}", fmt::join(missing, ", ")),
                         "pass them as flags, or run the command on a terminal to be asked");
    validate_recipient_flags(flags);
    auto reg = load_for_listing(root);
    if (const auto* existing = reg.find_recipient(flags.id))
        throw UsageError(
            fmt::format("recipient `{}` already exists ({}:{})", flags.id, reg.file_of(*existing), existing->pos.line),
            "pick another id");
    return append_entry(root, recipients_file, "recipients", recipient_entry(flags), today, force);
}

std::string remove_recipient(const fs::path& root, const std::string& id) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto reg = load_for_listing(root);
    const auto* recipient = reg.find_recipient(id);
    if (!recipient) {
        std::vector<std::string_view> ids;
        for (const auto& r : reg.recipients) ids.push_back(r.id);
        auto hint = diag::did_you_mean(id, ids);
        throw UsageError(fmt::format("no recipient `{}` in the register", id),
                         hint.empty() ? "run `gdprctl recipient list` to see the recipients" : hint);
    }
    std::vector<std::string> references;
    for (const auto& system : reg.systems)
        if (std::find(system.recipients.begin(), system.recipients.end(), id) != system.recipients.end())
            references.push_back(fmt::format("system `{}` ({}:{})", system.id, reg.file_of(system), system.pos.line));
    for (const auto& cookie : reg.cookies)
        if (cookie.provider == id)
            references.push_back(fmt::format("cookie `{}` ({}:{})", cookie.name, reg.file_of(cookie), cookie.pos.line));
    if (!references.empty())
        throw Refusal(fmt::format("recipient `{}` is still referenced by {}; nothing was removed", id,
                                  fmt::join(references, ", ")),
                      "remove the references first (a system's `recipients:` list, a cookie's provider)");
    auto path = reg.file_of(*recipient);
    remove_entry(root, path, "recipients", "id", id);
    return path;
}

std::vector<std::string> missing_cookie_fields(const CookieFlags& flags) {
    std::vector<std::string> missing;
    if (flags.name.empty()) missing.push_back("--name");
    if (flags.provider.empty()) missing.push_back("--provider");
    if (flags.category.empty()) missing.push_back("--category");
    if (flags.expiry.empty()) missing.push_back("--expiry");
    return missing;
}

void validate_cookie_flags(const CookieFlags& flags) {
    check_enum<model::CookieCategory>(flags.category, "--category");
    if (!flags.expiry.empty() && flags.expiry != "session" && !time::parse_duration(flags.expiry))
        throw UsageError(fmt::format("--expiry `{}` is not an ISO 8601 duration", flags.expiry),
                         "write e.g. P13M, P30D, or `session` for a cookie deleted when the browser closes");
    if (!flags.purpose.empty() && flags.system.empty())
        throw UsageError("--purpose needs --system: a purpose belongs to a system", "add --system ID");
    if (flags.name.find_first_of("\n\r") != std::string::npos) throw UsageError("--name holds a line break");
}

WriteOutcome add_cookie(const fs::path& root, const CookieFlags& flags, time::Date today, bool force) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto missing = missing_cookie_fields(flags);
    if (!missing.empty())
        throw UsageError(fmt::format("cookie add needs {}", fmt::join(missing, ", ")),
                         "pass them as flags, or run the command on a terminal to be asked");
    validate_cookie_flags(flags);
    auto reg = load_for_listing(root);
    for (const auto& cookie : reg.cookies)
        if (cookie.name == flags.name)
            throw UsageError(
                fmt::format("cookie `{}` already exists ({}:{})", flags.name, reg.file_of(cookie), cookie.pos.line),
                "each cookie name appears once in the cookie table");
    std::string body = fmt::format("name: {}\nprovider: {}\ncategory: {}\nexpiry: {}", q(flags.name), q(flags.provider),
                                   flags.category, flags.expiry);
    if (!flags.system.empty()) body += fmt::format("\nsystem: {}", q(flags.system));
    if (!flags.purpose.empty()) body += fmt::format("\npurpose: {}", q(flags.purpose));
    if (!flags.description.empty()) body += fmt::format("\ndescription: {}", q(flags.description));
    return append_entry(root, cookies_file, "cookies", body, today, force);
}

std::string remove_cookie(const fs::path& root, const std::string& name) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto reg = load_for_listing(root);
    for (const auto& cookie : reg.cookies)
        if (cookie.name == name) {
            auto path = reg.file_of(cookie);
            remove_entry(root, path, "cookies", "name", name);
            return path;
        }
    std::vector<std::string_view> names;
    for (const auto& cookie : reg.cookies) names.push_back(cookie.name);
    auto hint = diag::did_you_mean(name, names);
    throw UsageError(fmt::format("no cookie `{}` in the register", name),
                     hint.empty() ? "run `gdprctl cookie list` to see the cookie table" : hint);
}

const model::Recipient& require_recipient(const model::Register& reg, const std::string& id) {
    if (const auto* recipient = reg.find_recipient(id)) return *recipient;
    std::vector<std::string_view> ids;
    for (const auto& recipient : reg.recipients) ids.push_back(recipient.id);
    auto hint = diag::did_you_mean(id, ids);
    throw UsageError(fmt::format("no recipient `{}` in the register", id),
                     hint.empty() ? "run `gdprctl recipient list` to see the recipients" : hint);
}

// Moving a Register keeps its vectors' elements where they are, so the pointer stays valid.
ShownRecipient show_recipient(const std::filesystem::path& root, const std::string& id) {
    ShownRecipient shown{load_for_listing(root), nullptr};
    shown.recipient = &require_recipient(shown.reg, id);
    return shown;
}

}  // namespace gdprctl::authoring
