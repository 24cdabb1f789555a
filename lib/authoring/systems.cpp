#include "authoring/systems.hpp"

#include "authoring/candidate.hpp"
#include "model/review_due.hpp"
#include "authoring/parties.hpp"
#include "authoring/policy.hpp"
#include "diag/suggest.hpp"
#include "edit/atomic_file.hpp"
#include "edit/yaml_edit.hpp"
#include "errors.hpp"
#include "register/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace gdprctl::authoring {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& value : values) {
        std::size_t begin = 0;
        while (begin <= value.size()) {
            auto comma = value.find(',', begin);
            auto piece = value.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
            auto first = piece.find_first_not_of(' '), last = piece.find_last_not_of(' ');
            if (first != std::string::npos) out.push_back(piece.substr(first, last - first + 1));
            if (comma == std::string::npos) break;
            begin = comma + 1;
        }
    }
    return out;
}

struct PurposeDraft {
    std::string id, basis, description, data, evidence, withdrawal, lia, law, special_condition;
};

std::pair<std::string, std::string> split_once(const std::string& text, char separator, const char* flag,
                                               const char* form) {
    auto at = text.find(separator);
    if (at == std::string::npos || at == 0 || at + 1 == text.size())
        throw UsageError(fmt::format("{} `{}` is not of the form {}", flag, text, form),
                         fmt::format("e.g. {} {}", flag,
                                     std::string_view(flag) == "--purpose" ? "service-delivery:contract"
                                                                           : "newsletter=signup-form-log"));
    return {text.substr(0, at), text.substr(at + 1)};
}

std::vector<PurposeDraft> purposes_of(const SystemFlags& flags) {
    std::vector<PurposeDraft> purposes;
    for (const auto& text : flags.purposes) {
        validate_purpose_flag(text);
        auto [id, basis] = split_once(text, ':', "--purpose", "ID:BASIS");
        // Named copies, not the bindings: clang 14 (the fuzz build) cannot capture structured bindings.
        const auto wanted = id;
        if (std::any_of(purposes.begin(), purposes.end(), [&](const auto& p) { return p.id == wanted; }))
            throw UsageError(fmt::format("--purpose `{}` is given twice", id), "give each purpose its own id");
        PurposeDraft draft;
        draft.id = id;
        draft.basis = basis;
        purposes.push_back(std::move(draft));
    }
    std::vector<std::string_view> ids;
    for (const auto& purpose : purposes) ids.push_back(purpose.id);
    auto attach = [&](const std::vector<std::string>& values, const char* flag, std::string PurposeDraft::*member) {
        for (const auto& text : values) {
            auto [id, value] = split_once(text, '=', flag, "PURPOSE=TEXT");
            const auto wanted = id;
            auto it = std::find_if(purposes.begin(), purposes.end(), [&](const auto& p) { return p.id == wanted; });
            if (it == purposes.end()) {
                auto hint = diag::did_you_mean(id, ids);
                throw UsageError(fmt::format("{} names purpose `{}`, which no --purpose declares", flag, id),
                                 hint.empty() ? fmt::format("purposes given: {}", fmt::join(ids, ", ")) : hint);
            }
            (*it).*member = value;
        }
    };
    attach(flags.purpose_description, "--purpose-description", &PurposeDraft::description);
    attach(flags.purpose_data, "--purpose-data", &PurposeDraft::data);
    attach(flags.consent_evidence, "--evidence", &PurposeDraft::evidence);
    attach(flags.consent_withdrawal, "--withdrawal", &PurposeDraft::withdrawal);
    attach(flags.lia, "--lia", &PurposeDraft::lia);
    attach(flags.law, "--law", &PurposeDraft::law);
    attach(flags.special_condition, "--special-condition", &PurposeDraft::special_condition);
    const auto& conditions = model::special_condition_names();
    for (const auto& purpose : purposes)
        if (!purpose.special_condition.empty() &&
            std::find(conditions.begin(), conditions.end(), purpose.special_condition) == conditions.end())
            throw UsageError(
                fmt::format("--special-condition `{}` is not an Art. 9(2) condition", purpose.special_condition),
                hint_or_list(purpose.special_condition, conditions));
    return purposes;
}

std::string retention_entry(const std::string& text) {
    validate_retention_flag(text);
    auto first = text.find(':');
    auto second = text.find(':', first + 1);
    auto data = split_commas({text.substr(0, first)});
    auto period = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    std::string entry = fmt::format("{{data: {}, period: {}", flow_list(data), period);
    if (second != std::string::npos) entry += fmt::format(", after: {}", edit::render_scalar(text.substr(second + 1)));
    return entry + "}";
}

std::string system_body(const SystemFlags& flags, const std::vector<PurposeDraft>& purposes) {
    auto q = [](const std::string& value) { return edit::render_scalar(value); };
    std::string body;
    body += fmt::format("id: {}\nname: {}\nowner: {}\n", q(flags.id), q(flags.name), q(flags.owner));
    if (!flags.description.empty()) body += fmt::format("description: {}\n", q(flags.description));
    body += fmt::format("subjects: {}\ndata: {}\n", flow_list(flags.subjects), flow_list(flags.data));
    if (!flags.sources.empty()) body += fmt::format("sources: {}\n", flow_list(flags.sources));
    body += "purposes:\n";
    for (const auto& purpose : purposes) {
        body += fmt::format("  - id: {}\n", q(purpose.id));
        if (!purpose.description.empty()) body += fmt::format("    description: {}\n", q(purpose.description));
        body += fmt::format("    basis: {}\n", purpose.basis);
        if (!purpose.data.empty()) body += fmt::format("    data: {}\n", flow_list(split_commas({purpose.data})));
        if (!purpose.evidence.empty() || !purpose.withdrawal.empty()) {
            std::vector<std::string> parts;
            if (!purpose.evidence.empty()) parts.push_back("evidence: " + q(purpose.evidence));
            if (!purpose.withdrawal.empty()) parts.push_back("withdrawal: " + q(purpose.withdrawal));
            body += fmt::format("    consent: {{{}}}\n", fmt::join(parts, ", "));
        }
        if (!purpose.lia.empty()) body += fmt::format("    lia: {}\n", q(purpose.lia));
        if (!purpose.law.empty()) body += fmt::format("    law: {}\n", q(purpose.law));
        if (!purpose.special_condition.empty())
            body += fmt::format("    special_condition: {}\n", q(purpose.special_condition));
    }
    if (!flags.recipients.empty()) body += fmt::format("recipients: {}\n", flow_list(flags.recipients));
    if (!flags.retention.empty()) {
        body += "retention:\n";
        for (const auto& rule : flags.retention) body += fmt::format("  - {}\n", retention_entry(rule));
    }
    if (!flags.security.empty()) body += fmt::format("security: {}\n", flow_list(flags.security));
    body += fmt::format("last_review: {}", flags.last_review);
    return body;
}

// The flag that fixes what a rule found in a new system, so that a refusal of `register add`
// names what to pass rather than the YAML to write.
std::string flag_hint(std::string_view rule) {
    static const std::pair<std::string_view, std::string_view> hints[] = {
        {"consent-without-evidence", "add --evidence PURPOSE=TEXT (how consent is demonstrated)"},
        {"consent-without-withdrawal", "add --withdrawal PURPOSE=TEXT (how consent is withdrawn)"},
        {"legitimate-interests-without-lia", "add --lia PURPOSE=REF (the balancing test)"},
        {"legal-obligation-without-law", "add --law PURPOSE=LAW (the statute and article)"},
        {"special-category-without-condition", "add --special-condition PURPOSE=9(2)(x)"},
        {"retention-missing", "add a --retention CATS:PERIOD[:AFTER] rule covering that data"},
        {"retention-undetermined", "give --retention a period such as P2Y instead of `undetermined`"},
        {"missing-security-measures", "add --security MEASURE, e.g. --security tls --security access-control"},
        {"data-unused", "name it in --purpose-data PURPOSE=CAT,... or drop it from --data"},
        {"data-not-in-system", "add the category with --data, or drop it from --purpose-data/--retention"},
        {"unknown-data-category", "use a key of the taxonomy in --data (see `gdprctl register add --help`)"},
        {"processor-without-agreement", "add the recipient with `gdprctl recipient add ... --agreement-signed DATE`"},
        {"transfer-without-safeguard", "add the recipient with `gdprctl recipient add ... --transfer MECHANISM`"},
        {"unknown-reference", "add the recipient first with `gdprctl recipient add`, or fix --recipient"},
    };
    for (const auto& [id, hint] : hints)
        if (id == rule) return std::string(hint);
    return {};
}


// A system's entry as it stands in its file, ready for an in-place edit. `item` points into
// `tree`, whose nodes stay where they are when the struct is moved.
struct SystemInFile {
    std::string path;
    edit::Snapshot snapshot;
    yaml::Node tree;
    const yaml::Node* item = nullptr;
};

SystemInFile locate_system_for_edit(const fs::path& root, const std::string& id) {
    auto reg = load_for_listing(root);
    SystemInFile found;
    found.path = reg.file_of(require_system(reg, id));
    found.snapshot = edit::read_snapshot(root / found.path, root);
    found.tree = parse_for_edit(found.snapshot.text, found.path);
    found.item = find_item(found.tree, "systems", "id", id).item();
    if (!found.item) throw UsageError(fmt::format("system `{}` is not where the register says", id));
    return found;
}

}  // namespace

std::string_view suggested_special_condition(const std::vector<std::string>& subjects) {
    auto any = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(subjects.begin(), subjects.end(), [&](const std::string& subject) {
            std::string lower;
            for (char c : subject) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return std::any_of(words.begin(), words.end(),
                               [&](std::string_view word) { return lower.find(word) != std::string::npos; });
        });
    };
    if (any({"employee", "staff", "applicant", "candidate", "worker", "personnel", "contractor"})) return "9(2)(b)";
    if (any({"patient"})) return "9(2)(h)";
    if (any({"member"})) return "9(2)(d)";
    return "9(2)(a)";
}

std::vector<std::string> reproducing_commands(const SystemFlags& flags, const std::string& workspace) {
    std::string prefix = "gdprctl";
    if (!workspace.empty()) prefix += " --workspace " + shell_quote(workspace);
    std::vector<std::string> commands;
    auto option = [](std::string& line, std::string_view flag, const std::string& value) {
        if (!value.empty()) line += fmt::format(" {} {}", flag, shell_quote(value));
    };
    for (const auto& r : flags.new_recipients) {
        std::string line = prefix + " recipient add";
        option(line, "--id", r.id);
        option(line, "--name", r.name);
        option(line, "--role", r.role);
        option(line, "--country", r.country);
        option(line, "--agreement-signed", r.agreement_signed);
        option(line, "--agreement-ref", r.agreement_ref);
        option(line, "--transfer", r.transfer);
        option(line, "--description", r.description);
        commands.push_back(line);
    }
    std::string line = prefix + " register add";
    option(line, "--id", flags.id);
    option(line, "--name", flags.name);
    option(line, "--owner", flags.owner);
    option(line, "--description", flags.description);
    auto each = [&](std::string_view flag, const std::vector<std::string>& values) {
        for (const auto& value : values) option(line, flag, value);
    };
    each("--subject", flags.subjects);
    each("--data", flags.data);
    each("--source", flags.sources);
    each("--purpose", flags.purposes);
    each("--purpose-description", flags.purpose_description);
    each("--purpose-data", flags.purpose_data);
    each("--evidence", flags.consent_evidence);
    each("--withdrawal", flags.consent_withdrawal);
    each("--lia", flags.lia);
    each("--law", flags.law);
    each("--special-condition", flags.special_condition);
    each("--recipient", flags.recipients);
    each("--retention", flags.retention);
    each("--security", flags.security);
    option(line, "--last-review", flags.last_review);
    commands.push_back(line);
    return commands;
}

std::vector<std::string> missing_system_fields(const SystemFlags& flags) {
    std::vector<std::string> missing;
    if (flags.id.empty()) missing.push_back("--id");
    if (flags.name.empty()) missing.push_back("--name");
    if (flags.owner.empty()) missing.push_back("--owner");
    if (flags.subjects.empty()) missing.push_back("--subject");
    if (flags.data.empty()) missing.push_back("--data");
    if (flags.purposes.empty()) missing.push_back("--purpose");
    return missing;
}

void validate_purpose_flag(const std::string& text) {
    auto [id, basis] = split_once(text, ':', "--purpose", "ID:BASIS");
    validate_id(id, "purpose");
    if (!model::parse<model::LawfulBasis>(basis))
        throw UsageError(fmt::format("--purpose `{}`: `{}` is not a lawful basis of GDPR Art. 6(1)", text, basis),
                         hint_or_list(basis, model::names<model::LawfulBasis>()));
}

void validate_retention_flag(const std::string& text) {
    auto first = text.find(':');
    if (first == std::string::npos || first == 0 || first + 1 == text.size())
        throw UsageError(fmt::format("--retention `{}` is not of the form CATS:PERIOD[:AFTER]", text),
                         "e.g. --retention contact.email,identity.name:P2Y:end-of-contract");
    auto second = text.find(':', first + 1);
    auto period = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    if (period != "undetermined" && !time::parse_duration(period))
        throw UsageError(fmt::format("--retention `{}`: `{}` is not an ISO 8601 duration", text, period),
                         "write a period such as P2Y, P50M or P30D");
    if (second != std::string::npos && second + 1 == text.size())
        throw UsageError(fmt::format("--retention `{}` ends with an empty AFTER", text),
                         "name the event the period runs from, e.g. end-of-contract, or leave out the last `:`");
    if (second != std::string::npos && text.find_first_of(",:", second + 1) != std::string::npos)
        throw UsageError(
            fmt::format("--retention `{}`: the AFTER part `{}` holds a ',' or ':'", text, text.substr(second + 1)),
            "give each rule its own --retention, e.g. --retention a:P1Y:x --retention b:P2Y");
}

WriteOutcome add_system(const fs::path& root, SystemFlags flags, time::Date today, bool force) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    flags.subjects = split_commas(flags.subjects);
    flags.data = split_commas(flags.data);
    flags.sources = split_commas(flags.sources);
    flags.security = split_commas(flags.security);
    flags.recipients = split_commas(flags.recipients);
    auto missing = missing_system_fields(flags);
    if (!missing.empty())
        throw UsageError(fmt::format("register add needs {}", fmt::join(missing, ", ")),
                         "pass them as flags, or run the command on a terminal to be asked");
    validate_id(flags.id, "system");
    auto purposes = purposes_of(flags);
    for (const auto& rule : flags.retention) validate_retention_flag(rule);
    if (flags.last_review.empty()) flags.last_review = today.to_string();
    if (!time::parse_date(flags.last_review))
        throw UsageError(fmt::format("--last-review `{}` is not a date", flags.last_review), "write YYYY-MM-DD");

    WriteOutcome outcome;
    outcome.path = fmt::format("systems/{}.yaml", flags.id);
    auto reg = load_for_listing(root);
    if (const auto* existing = reg.find_system(flags.id))
        throw UsageError(
            fmt::format("system `{}` already exists ({}:{})", flags.id, reg.file_of(*existing), existing->pos.line),
            "pick another id, or change the existing system with `gdprctl register set`");
    auto snapshot = edit::read_snapshot(root / outcome.path, root);
    if (snapshot.exists)
        throw UsageError(fmt::format("`{}` already exists", outcome.path), "pick another id, or remove the file");

    for (auto& recipient : flags.new_recipients) {
        normalise_country(recipient.country);
        validate_recipient_flags(recipient);
        if (const auto* existing = reg.find_recipient(recipient.id))
            throw UsageError(fmt::format("recipient `{}` already exists ({}:{})", recipient.id,
                                         reg.file_of(*existing), existing->pos.line),
                             "name it in --recipient without adding it again");
    }

    std::string text = schema_modeline(root, root / "systems", "register.schema.json") + "\n";
    text = edit::append_item(text, yaml::Node{}, "systems", system_body(flags, purposes));
    for (const auto& recipient : flags.new_recipients)
        text = edit::append_item(text, parse_for_edit(text, outcome.path), "recipients", recipient_entry(recipient));
    outcome.diagnostics = validate_candidate(root, {outcome.path, text, 1}, today);
    for (auto& d : outcome.diagnostics)
        if (auto hint = flag_hint(d.rule_id); !hint.empty()) d.hint = hint;
    if (has_errors(outcome.diagnostics) && !force) return outcome;
    edit::make_directory(root / "systems", 0755);
    edit::write_atomically(snapshot, text);
    outcome.written = true;
    return outcome;
}

const std::vector<std::string_view>& settable_system_fields() {
    static const std::vector<std::string_view> fields{"name", "owner", "description", "last_review", "review_interval"};
    return fields;
}

WriteOutcome set_system_field(const fs::path& root, const std::string& id, const std::string& field,
                              const std::string& value, time::Date today) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    const auto& fields = settable_system_fields();
    if (std::find(fields.begin(), fields.end(), field) == fields.end())
        throw UsageError(fmt::format("`{}` is not a field `register set` can change", field),
                         hint_or_list(field, fields));
    if (value.find_first_not_of(" \t") == std::string::npos)
        throw UsageError(fmt::format("the new {} is empty", field), "give it a value");
    if (field == "last_review" && !time::parse_date(value))
        throw UsageError(fmt::format("`{}` is not a date", value), "write YYYY-MM-DD, e.g. 2026-03-01");
    if (field == "review_interval" && !time::parse_duration(value))
        throw UsageError(fmt::format("`{}` is not an ISO 8601 duration", value), "write e.g. P1Y or P6M");

    auto found = locate_system_for_edit(root, id);
    WriteOutcome outcome;
    outcome.path = found.path;
    auto text = edit::set_scalar(found.snapshot.text, *found.item, field, value);
    outcome.diagnostics = validate_candidate(root, changed_lines(outcome.path, found.snapshot.text, text), today);
    edit::write_atomically(found.snapshot, text);
    outcome.written = true;
    return outcome;
}

WriteOutcome review_system(const fs::path& root, const std::string& id, time::Date today, const std::string& by,
                           const std::string& note) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto found = locate_system_for_edit(root, id);
    WriteOutcome outcome;
    outcome.path = found.path;
    const auto comment = review_comment("reviewed", by, note);
    auto text = edit::set_scalar(found.snapshot.text, *found.item, "last_review", today.to_string(), comment);
    edit::write_atomically(found.snapshot, text);
    outcome.written = true;
    return outcome;
}

WriteOutcome review_system(store::Store& store, const store::ChangeStamp& stamp, const fs::path& root,
                           const std::string& id, time::Date today, const std::string& by, const std::string& note) {
    WriteOutcome outcome;
    store.write(stamp, [&](store::StoreWriter& writer) {
        outcome = review_system(root, id, today, by, note);
        auto details = fmt::format("last_review {} in {}", today.to_string(), outcome.path);
        if (!note.empty()) details += "; note: " + note;
        writer.append_audit({"system.review", id, details});
    });
    return outcome;
}

std::vector<std::string> remove_system(const fs::path& root, const std::string& id, bool cascade) {
    edit::WorkspaceLock lock(root);  // validation and writing are one step for other gdprctl processes
    auto reg = load_for_listing(root);
    const auto& system = require_system(reg, id);
    std::map<std::string, std::vector<std::string>> cookies_by_file;
    std::vector<std::string> references;
    for (const auto& cookie : reg.cookies)
        if (cookie.system == id) {
            cookies_by_file[reg.file_of(cookie)].push_back(cookie.name);
            references.push_back(fmt::format("cookie `{}` ({}:{})", cookie.name, reg.file_of(cookie), cookie.pos.line));
        }
    if (!references.empty() && !cascade)
        throw Refusal(
            fmt::format("system `{}` is still referenced by {}; nothing was removed", id, fmt::join(references, ", ")),
            "remove or re-point those entries first, or pass --cascade to remove them with the system");

    // Every edit is prepared before any file is written, so that a file that cannot be edited in
    // place stops the removal before anything has changed.
    struct Pending {
        edit::Snapshot snapshot;
        std::optional<std::string> text;  // nullopt: delete the file
        std::string path;
    };
    std::vector<Pending> pending;
    auto system_path = reg.file_of(system);
    for (const auto& [path, names] : cookies_by_file) {
        if (path == system_path) continue;  // handled with the system's own file below
        auto snapshot = edit::read_snapshot(root / path, root);
        auto tree = parse_for_edit(snapshot.text, path);
        std::vector<std::size_t> indexes;
        const yaml::Node* list = nullptr;
        for (const auto& name : names)
            if (auto ref = find_item(tree, "cookies", "name", name); ref.item()) {
                indexes.push_back(ref.index);
                list = ref.list;
            }
        std::sort(indexes.rbegin(), indexes.rend());  // from the end, so earlier positions stay valid
        std::string text = snapshot.text;
        for (auto index : indexes) text = edit::remove_item(text, *list, index);
        pending.push_back({std::move(snapshot), std::move(text), path});
    }

    auto snapshot = edit::read_snapshot(root / system_path, root);
    auto tree = parse_for_edit(snapshot.text, system_path);
    auto ref = find_item(tree, "systems", "id", id);
    if (!ref.item()) throw UsageError(fmt::format("system `{}` is not where the register says", id));
    bool alone = system_path != "gdpr.yaml" && tree.entries.size() == 1 && ref.list->items.size() == 1;
    if (alone) {
        pending.push_back({std::move(snapshot), std::nullopt, system_path});
    } else {
        // Removals run from the end of the file up, so that earlier positions stay valid.
        std::vector<std::pair<const yaml::Node*, std::size_t>> removals{{ref.list, ref.index}};
        if (auto it = cookies_by_file.find(system_path); it != cookies_by_file.end())
            for (const auto& name : it->second)
                if (auto cookie = find_item(tree, "cookies", "name", name); cookie.item())
                    removals.emplace_back(cookie.list, cookie.index);
        std::sort(removals.begin(), removals.end(), [](const auto& a, const auto& b) {
            return a.first->items[a.second].pos.line > b.first->items[b.second].pos.line;
        });
        std::string text = snapshot.text;
        for (const auto& [list, index] : removals) text = edit::remove_item(text, *list, index);
        pending.push_back({std::move(snapshot), std::move(text), system_path});
    }
    std::vector<std::string> changed;
    for (const auto& change : pending) {
        if (change.text)
            edit::write_atomically(change.snapshot, *change.text);
        else
            edit::remove_checked(change.snapshot);
        changed.push_back(change.path);
    }
    return changed;
}

const model::System& require_system(const model::Register& reg, const std::string& id) {
    if (const auto* system = reg.find_system(id)) return *system;
    std::vector<std::string_view> ids;
    for (const auto& system : reg.systems) ids.push_back(system.id);
    auto hint = diag::did_you_mean(id, ids);
    throw UsageError(fmt::format("no system `{}` in the register", id),
                     hint.empty() ? "run `gdprctl register list` to see the systems" : hint);
}

model::Register load_for_listing(const fs::path& root) {
    return reg::load_register(root).reg;
}

std::vector<const model::System*> filter_systems(const model::Register& reg, const SystemFilter& filter) {
    std::optional<model::LawfulBasis> basis;
    if (!filter.basis.empty()) {
        basis = model::parse<model::LawfulBasis>(filter.basis);
        if (!basis)
            throw UsageError(fmt::format("--basis `{}` is not a lawful basis", filter.basis),
                             hint_or_list(filter.basis, model::names<model::LawfulBasis>()));
    }
    if (!filter.data.empty() && !reg.taxonomy.contains(filter.data)) {
        auto ids = reg.taxonomy.ids();
        auto hint = diag::did_you_mean(filter.data, ids);
        throw UsageError(fmt::format("--data `{}` is not a data category", filter.data),
                         hint.empty() ? "use a key of the taxonomy, e.g. contact.email or contact" : hint);
    }
    std::vector<const model::System*> out;
    for (const auto& system : reg.systems) {
        if (basis && std::none_of(system.purposes.begin(), system.purposes.end(),
                                  [&](const auto& p) { return p.basis == basis; }))
            continue;
        if (!filter.data.empty() && std::none_of(system.data.begin(), system.data.end(), [&](const auto& key) {
                return model::Taxonomy::covers(filter.data, key);
            }))
            continue;
        if (!filter.recipient.empty() &&
            std::find(system.recipients.begin(), system.recipients.end(), filter.recipient) == system.recipients.end())
            continue;
        if (filter.review_due && !model::review_is_due(reg, system, filter.today)) continue;
        out.push_back(&system);
    }
    return out;
}

// Moving a Register keeps its vectors' elements where they are, so the pointers stay valid.
SystemListing list_systems(const fs::path& root, const SystemFilter& filter) {
    auto loaded = reg::load_register(root);
    SystemListing listing{std::move(loaded.reg), {}, loaded.unread_paths()};
    listing.systems = filter_systems(listing.reg, filter);
    return listing;
}

ShownSystem show_system(const fs::path& root, const std::string& id) {
    ShownSystem shown{load_for_listing(root), nullptr};
    shown.system = &require_system(shown.reg, id);
    return shown;
}

}  // namespace gdprctl::authoring
