#include "authoring/prompt.hpp"

#include "authoring/candidate.hpp"
#include "diag/suggest.hpp"
#include "errors.hpp"
#include "model/retention.hpp"
#include "model/vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace gdprctl::authoring {
namespace {

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

void not_blank(const std::string&) {}

std::vector<std::string> split_list(const std::string& answer) {
    std::vector<std::string> items;
    std::size_t begin = 0;
    while (begin <= answer.size()) {
        auto comma = answer.find(',', begin);
        auto item = trim(answer.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
        if (!item.empty()) items.push_back(item);
        if (comma == std::string::npos) break;
        begin = comma + 1;
    }
    return items;
}

// The value of `purpose` in a per-purpose flag list (PURPOSE=VALUE entries), or "".
std::string entry_of(const std::vector<std::string>& entries, const std::string& purpose) {
    for (const auto& entry : entries)
        if (entry.rfind(purpose + "=", 0) == 0) return entry.substr(purpose.size() + 1);
    return {};
}
bool has_entry(const std::vector<std::string>& entries, const std::string& purpose) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const std::string& entry) { return entry.rfind(purpose + "=", 0) == 0; });
}

void validate_duration(const std::string& value) {
    if (!time::parse_duration(value))
        throw UsageError(fmt::format("`{}` is not an ISO 8601 duration", value), "write e.g. P2Y, P6M or P30D");
}

void validate_date(const std::string& value) {
    if (!time::parse_date(value))
        throw UsageError(fmt::format("`{}` is not a date", value), "write YYYY-MM-DD, e.g. 2025-01-01");
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

std::string Prompter::read(const std::string& prompt) {
    auto line = reader_.read_line(prompt);
    if (!line) throw InputEnded();
    return trim(*line);
}

void Prompter::explain(const std::exception& error) {
    out_ << "  " << error.what() << '\n';
    if (const auto* usage = dynamic_cast<const UsageError*>(&error); usage && !usage->hint().empty())
        out_ << "  hint: " << usage->hint() << '\n';
}

std::string Prompter::ask(const std::string& question, const Validator& validate, bool optional,
                          const std::string& fallback) {
    std::string suffix = !fallback.empty() ? fmt::format(" [{}]", fallback) : optional ? " (optional)" : "";
    while (true) {
        auto line = read(question + suffix + ": ");
        if (line.empty()) {
            if (!fallback.empty()) line = fallback;
            else if (optional) return line;
            else {
                out_ << "  an answer is needed\n";
                continue;
            }
        }
        try {
            if (validate) validate(line);
            return line;
        } catch (const InputEnded&) {
            throw;
        } catch (const UsageError& error) {
            explain(error);
        }
    }
}

std::vector<std::string> Prompter::ask_list(const std::string& question, const Validator& validate, bool optional) {
    while (true) {
        auto items = split_list(ask(question + " (comma-separated)", {}, optional));
        std::vector<std::string> kept;
        for (auto item : items) {
            while (true) {
                try {
                    if (validate) validate(item);
                    kept.push_back(item);
                    break;
                } catch (const InputEnded&) {
                    throw;
                } catch (const UsageError& error) {
                    explain(error);
                    item = read(fmt::format("Replace `{}` with (empty: drop it): ", item));
                    if (item.empty()) break;
                }
            }
        }
        if (!kept.empty() || optional) {
            if (kept.size() != items.size())
                out_ << fmt::format("  kept: {}\n", kept.empty() ? "(none)" : fmt::format("{}", fmt::join(kept, ", ")));
            return kept;
        }
        out_ << "  an answer is needed\n";
    }
}

bool Prompter::confirm(const std::string& question, bool fallback) {
    while (true) {
        auto answer = lower(read(fmt::format("{} [{}]: ", question, fallback ? "Y/n" : "y/N")));
        if (answer.empty()) return fallback;
        if (answer == "y" || answer == "yes") return true;
        if (answer == "n" || answer == "no") return false;
        out_ << "  answer y or n\n";
    }
}

void prompt_init(InitOptions& options, Prompter& p) {
    auto check = [](const char* field) {
        return [field](const std::string& value) { validate_init_field(field, value); };
    };
    if (options.org.empty()) options.org = p.ask("Organisation name (the controller)", check("org"));
    if (options.country.empty()) options.country = p.ask("Country (ISO 3166-1 alpha-2, e.g. NL)", check("country"));
    normalise_country(options.country);
    if (options.contact.empty()) options.contact = p.ask("Privacy contact (e-mail address or phone)", check("contact"));
    if (options.responsible.empty())
        options.responsible = p.ask("Responsible person (role or name)", check("responsible"));
    if (options.authority.empty())
        options.authority = p.ask("Supervisory authority (e.g. Autoriteit Persoonsgegevens)", check("authority"));
}

namespace {

void prompt_new_recipient(RecipientFlags& r, Prompter& p) {
    auto check = [](std::string RecipientFlags::*member) {
        return [member](const std::string& value) {
            RecipientFlags probe;
            probe.*member = value;
            validate_recipient_flags(probe);
        };
    };
    if (r.name.empty()) r.name = p.ask("  Name of the organisation", not_blank);
    if (r.role.empty())
        r.role = p.ask(fmt::format("  Role ({})", diag::one_of(model::names<model::RecipientRole>())),
                       check(&RecipientFlags::role));
    if (r.country.empty()) r.country = p.ask("  Country (ISO 3166-1 alpha-2, e.g. US)", check(&RecipientFlags::country));
    normalise_country(r.country);
    auto role = model::parse<model::RecipientRole>(r.role);
    if (role == model::RecipientRole::processor || role == model::RecipientRole::joint_controller) {
        p.out() << "  A processor works under a written agreement (GDPR Art. 28(3)).\n";
        if (r.agreement_signed.empty()) r.agreement_signed = p.ask("  Agreement signed on (YYYY-MM-DD)", validate_date);
        if (r.agreement_ref.empty()) r.agreement_ref = p.ask("  Agreement reference", {}, true);
    }
    if (!model::is_eea_country(r.country) && r.transfer.empty()) {
        p.out() << fmt::format(
            "  {} is outside the EEA: a transfer needs an adequacy decision (Art. 45), safeguards such as\n"
            "  standard contractual clauses (Art. 46) or binding corporate rules (Art. 47), or a derogation\n"
            "  (Art. 49).{}\n",
            r.country,
            r.country == "US" ? " Adequacy covers only organisations certified under the EU-US Data Privacy"
                                "\n  Framework (Decision 2023/1795)."
                              : "");
        r.transfer = p.ask(fmt::format("  Transfer mechanism ({})", diag::one_of(model::names<model::TransferMechanism>())),
                           check(&RecipientFlags::transfer));
    }
}

// The categories of `data` that the retention flags leave without a period, by the rule check
// applies (model::uncovered_by_retention): a rule for `contact.email` alone leaves the rest of
// `contact` open.
std::vector<std::string> uncovered(const model::Taxonomy& taxonomy, const std::vector<std::string>& data,
                                   const std::vector<std::string>& rules) {
    model::System system;
    for (const auto& rule : rules) {
        model::RetentionRule kept;
        kept.data = split_list(rule.substr(0, rule.find(':')));
        system.retention.push_back(std::move(kept));
    }
    std::vector<std::string> out;
    for (const auto& key : data)
        for (auto part : model::uncovered_by_retention(taxonomy, system, key))
            if (std::find(out.begin(), out.end(), part) == out.end()) out.emplace_back(part);
    return out;
}

// Asks for what the rules need of purpose `id` and the flags do not say yet: its description, the
// data it uses (`ask_data`: for a purpose answered at the prompt), what its basis needs and, for
// special-category data, the Art. 9(2) condition.
void complete_purpose(SystemFlags& flags, const std::string& id, const model::Register& reg, Prompter& p,
                      bool ask_data) {
    std::string basis;
    for (const auto& entry : flags.purposes)
        if (entry.rfind(id + ":", 0) == 0) basis = entry.substr(id.size() + 1);
    auto parsed = model::parse<model::LawfulBasis>(basis);
    if (!parsed) return;  // add_system reports it
    if (!has_entry(flags.purpose_description, id))
        flags.purpose_description.push_back(
            id + "=" + p.ask(fmt::format("  Purpose `{}` in plain words, for the privacy notice (GDPR Art. 12(1))", id),
                             not_blank));
    std::vector<std::string> used;
    if (ask_data && !has_entry(flags.purpose_data, id)) {
        used = p.ask_list(
            "  Data this purpose uses (empty: all of the system's data)",
            [&](const std::string& key) {
                if (std::none_of(flags.data.begin(), flags.data.end(),
                                 [&](const std::string& held) { return model::Taxonomy::covers(held, key); })) {
                    std::vector<std::string_view> held(flags.data.begin(), flags.data.end());
                    throw UsageError(fmt::format("the system does not hold `{}`", key), hint_or_list(key, held));
                }
            },
            true);
        if (!used.empty()) flags.purpose_data.push_back(fmt::format("{}={}", id, fmt::join(used, ",")));
    } else if (auto listed = entry_of(flags.purpose_data, id); !listed.empty())
        used = split_list(listed);
    switch (*parsed) {
    case model::LawfulBasis::consent:
        if (!has_entry(flags.consent_evidence, id) || !has_entry(flags.consent_withdrawal, id))
            p.out() << "  Consent must be demonstrable (Art. 7(1)) and as easy to withdraw as to give (Art. 7(3)).\n";
        if (!has_entry(flags.consent_evidence, id))
            flags.consent_evidence.push_back(id + "=" + p.ask("  Consent evidence (e.g. signup-form-log)", not_blank));
        if (!has_entry(flags.consent_withdrawal, id))
            flags.consent_withdrawal.push_back(
                id + "=" + p.ask("  How consent is withdrawn (e.g. unsubscribe-link)", not_blank));
        break;
    case model::LawfulBasis::legitimate_interests:
        if (!has_entry(flags.lia, id))
            flags.lia.push_back(
                id + "=" + p.ask("  Reference of the legitimate-interests assessment (LIA, Art. 6(1)(f))", not_blank));
        break;
    case model::LawfulBasis::legal_obligation:
        if (!has_entry(flags.law, id))
            flags.law.push_back(
                id + "=" + p.ask("  The law that imposes the obligation (Art. 6(3), e.g. AWR art. 52)", not_blank));
        break;
    default:
        break;
    }
    const auto& keys = used.empty() ? flags.data : used;
    bool special = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
        return reg.taxonomy.class_of(key) == model::DataClass::special;
    });
    if (special && !has_entry(flags.special_condition, id)) {
        auto suggestion = std::string(suggested_special_condition(flags.subjects));
        p.out() << "  This purpose processes special-category data (Art. 9(1)): it needs an Art. 9(2) condition\n"
                   "  as well, e.g. 9(2)(a) explicit consent, 9(2)(b) employment law, 9(2)(h) health care.\n";
        auto condition = p.ask(
            "  Art. 9(2) condition",
            [](const std::string& v) {
                const auto& names = model::special_condition_names();
                if (std::find(names.begin(), names.end(), v) == names.end())
                    throw UsageError(fmt::format("`{}` is not an Art. 9(2) condition", v), hint_or_list(v, names));
            },
            false, suggestion);
        flags.special_condition.push_back(id + "=" + condition);
    }
}

void prompt_purposes(SystemFlags& flags, const model::Register& reg, Prompter& p) {
    p.out() << fmt::format(
        "Purposes, one at a time. Each rests on one lawful basis of GDPR Art. 6(1): {}.\n",
        diag::one_of(model::names<model::LawfulBasis>()));
    std::vector<std::string> ids;
    while (true) {
        auto id = p.ask(ids.empty() ? "Purpose id (e.g. service-delivery)" : "Next purpose id (empty when done)",
                        [&](const std::string& v) {
                            validate_id(v, "purpose");
                            if (std::find(ids.begin(), ids.end(), v) != ids.end())
                                throw UsageError(fmt::format("purpose `{}` is already given", v),
                                                 "give each purpose its own id");
                        },
                        !ids.empty());
        if (id.empty()) break;
        ids.push_back(id);
        auto basis = p.ask("  Lawful basis", [](const std::string& v) {
            if (!model::parse<model::LawfulBasis>(v))
                throw UsageError(fmt::format("`{}` is not a lawful basis of GDPR Art. 6(1)", v),
                                 hint_or_list(v, model::names<model::LawfulBasis>()));
        });
        flags.purposes.push_back(id + ":" + basis);
        complete_purpose(flags, id, reg, p, true);
    }
}

void prompt_recipients(SystemFlags& flags, const model::Register& reg, Prompter& p) {
    std::vector<std::string_view> known;
    for (const auto& r : reg.recipients) known.push_back(r.id);
    auto known_or_added = [&](const std::string& id) {
            validate_id(id, "recipient");
            if (reg.find_recipient(id)) return;
            if (std::any_of(flags.new_recipients.begin(), flags.new_recipients.end(),
                            [&](const RecipientFlags& r) { return r.id == id; }))
                return;
            auto hint = diag::did_you_mean(id, known);
            if (!hint.empty()) p.out() << fmt::format("  `{}` is not in the register; {}\n", id, hint);
            else p.out() << fmt::format("  `{}` is not in the register yet\n", id);
            if (!p.confirm(fmt::format("  Add recipient `{}` now?", id), hint.empty()))
                throw UsageError(fmt::format("recipient `{}` is not in the register", id),
                                 hint.empty() ? "add it, or name a recipient that exists" : hint);
            RecipientFlags r;
            r.id = id;
            prompt_new_recipient(r, p);
            flags.new_recipients.push_back(r);
    };
    if (!flags.recipients.empty()) {
        // Given as flags: each is checked as an answer would be, and a wrong one is asked again.
        std::vector<std::string> kept;
        for (auto id : flags.recipients)
            while (!id.empty()) {
                try {
                    known_or_added(id);
                    kept.push_back(id);
                    break;
                } catch (const InputEnded&) {
                    throw;
                } catch (const UsageError& error) {
                    p.out() << "  " << error.what() << '\n';
                    if (!error.hint().empty()) p.out() << "  hint: " << error.hint() << '\n';
                    id = p.ask(fmt::format("Replace recipient `{}` with (empty: drop it)", id), {}, true);
                }
            }
        flags.recipients = kept;
        return;
    }
    flags.recipients = p.ask_list("Recipients the system shares data with (recipient ids; empty for none)",
                                  known_or_added, true);
}

void prompt_retention(SystemFlags& flags, const model::Taxonomy& taxonomy, Prompter& p) {
    p.out() << "Retention (GDPR Art. 5(1)(e)): every category needs a period; a rule for `contact` covers\n"
               "contact.email. Rules are asked until every category is covered.\n";
    while (true) {
        auto open = uncovered(taxonomy, flags.data, flags.retention);
        if (open.empty()) break;
        auto cats = p.ask_list(fmt::format("Categories of the next rule (empty: {})", fmt::join(open, ", ")),
                               [&](const std::string& key) {
                                   if (std::none_of(flags.data.begin(), flags.data.end(), [&](const auto& held) {
                                           return model::Taxonomy::related(held, key);
                                       })) {
                                       std::vector<std::string_view> held(flags.data.begin(), flags.data.end());
                                       throw UsageError(fmt::format("the system does not hold `{}`", key),
                                                        hint_or_list(key, held));
                                   }
                               },
                               true);
        if (cats.empty()) cats = open;
        auto period = p.ask("  Kept for (ISO 8601 duration, e.g. P2Y)", validate_duration);
        auto after = p.ask("  Counted from (e.g. end-of-contract)",
                           [](const std::string& v) {
                               if (v.find_first_of(",:") != std::string::npos)
                                   throw UsageError("the event holds a ',' or ':'", "write it without them");
                           },
                           true);
        auto rule = fmt::format("{}:{}", fmt::join(cats, ","), period);
        if (!after.empty()) rule += ":" + after;
        flags.retention.push_back(rule);
    }
}

}  // namespace

void prompt_system(SystemFlags& flags, const model::Register& reg, Prompter& p) {
    for (auto* list : {&flags.subjects, &flags.data, &flags.sources, &flags.security, &flags.recipients}) {
        std::vector<std::string> items;
        for (const auto& value : *list)
            for (auto& item : split_list(value)) items.push_back(std::move(item));
        *list = std::move(items);
    }
    if (flags.id.empty())
        flags.id = p.ask("System id (e.g. crm)", [&](const std::string& v) {
            validate_id(v, "system");
            if (const auto* existing = reg.find_system(v))
                throw UsageError(fmt::format("system `{}` already exists ({}:{})", v, reg.file_of(*existing),
                                             existing->pos.line),
                                 "pick another id");
        });
    if (flags.name.empty()) flags.name = p.ask("Name", not_blank);
    if (flags.owner.empty()) flags.owner = p.ask("Owner (team or role)", not_blank);
    if (flags.description.empty()) flags.description = p.ask("What the system does, in a sentence", not_blank);
    if (flags.subjects.empty()) flags.subjects = p.ask_list("Data subjects (e.g. customer, employee)");
    if (flags.data.empty()) {
        auto ids = reg.taxonomy.ids();
        p.out() << "Data categories (a parent key such as `contact` covers its children):\n";
        for (const auto& category : reg.taxonomy.categories())
            p.out() << fmt::format("  {:<32} {}\n", category.id, category.name);
        flags.data = p.ask_list("Data", [&](const std::string& key) {
            if (!reg.taxonomy.contains(key)) {
                auto hint = diag::did_you_mean(key, ids);
                throw UsageError(fmt::format("`{}` is not a data category", key),
                                 hint.empty() ? "pick a key from the list above" : hint);
            }
        });
    }
    if (flags.purposes.empty()) prompt_purposes(flags, reg, p);
    else
        for (const auto& entry : flags.purposes)
            if (auto colon = entry.find(':'); colon != std::string::npos)
                complete_purpose(flags, entry.substr(0, colon), reg, p, false);
    if (p.first_time("recipients")) prompt_recipients(flags, reg, p);
    if (flags.retention.empty()) prompt_retention(flags, reg.taxonomy, p);
    if (flags.security.empty())
        flags.security = p.ask_list("Security measures (GDPR Art. 32; e.g. tls, access-control, backups)");
}

const std::vector<std::string_view>& correctable_system_fields() {
    static const std::vector<std::string_view> fields{"id",      "name",       "owner",     "description", "subjects",
                                                      "data",    "purposes",   "recipients", "retention",  "security"};
    return fields;
}

void clear_system_field(SystemFlags& flags, std::string_view field) {
    if (field == "id") flags.id.clear();
    else if (field == "name") flags.name.clear();
    else if (field == "owner") flags.owner.clear();
    else if (field == "description") flags.description.clear();
    else if (field == "subjects") flags.subjects.clear();
    else if (field == "data") {
        // Purposes and retention rules name the data: they are asked again with it.
        flags.data.clear();
        clear_system_field(flags, "purposes");
        flags.retention.clear();
    } else if (field == "purposes") {
        for (auto* list : {&flags.purposes, &flags.purpose_description, &flags.purpose_data, &flags.consent_evidence,
                           &flags.consent_withdrawal, &flags.lia, &flags.law, &flags.special_condition})
            list->clear();
    } else if (field == "recipients") {
        flags.recipients.clear();
        flags.new_recipients.clear();
    } else if (field == "retention")
        flags.retention.clear();
    else if (field == "security")
        flags.security.clear();
}

WriteOutcome interactive_add_system(const std::filesystem::path& root, SystemFlags& flags, time::Date today,
                                    bool force, const std::string& workspace_arg, Prompter& p,
                                    const std::function<void(const WriteOutcome&)>& show) {
    const auto& fields = correctable_system_fields();
    while (true) {
        auto reg = load_for_listing(root);
        prompt_system(flags, reg, p);
        WriteOutcome outcome;
        try {
            outcome = add_system(root, flags, today, force);
            if (outcome.written) return outcome;
            show(outcome);
            p.out() << "The system was not written: it would fail `gdprctl check` at error level.\n";
        } catch (const InputEnded&) {
            throw;
        } catch (const UsageError& error) {
            p.out() << "The system was not written:\n";
            p.out() << "  " << error.what() << '\n';
            if (!error.hint().empty()) p.out() << "  hint: " << error.hint() << '\n';
        }
        auto field = p.ask(fmt::format("Field to answer again ({}; empty: stop and write nothing)",
                                       fmt::join(fields, ", ")),
                           [&](const std::string& v) {
                               if (std::find(fields.begin(), fields.end(), v) == fields.end())
                                   throw UsageError(fmt::format("`{}` is not a field of a system", v),
                                                    hint_or_list(v, fields));
                           },
                           true);
        if (field.empty()) {
            p.out() << "Nothing was written. These commands reproduce your answers:\n";
            for (const auto& line : reproducing_commands(flags, workspace_arg)) p.out() << "  " << line << '\n';
            return outcome;
        }
        clear_system_field(flags, field);
        p.forget(field);
    }
}

void prompt_recipient(RecipientFlags& flags, Prompter& p) {
    if (flags.id.empty())
        flags.id = p.ask("Recipient id (e.g. mailer-co)", [](const std::string& v) { validate_id(v, "recipient"); });
    prompt_new_recipient(flags, p);
}

void prompt_cookie(CookieFlags& flags, const model::Register& reg, Prompter& p) {
    auto check = [](std::string CookieFlags::*member) {
        return [member](const std::string& value) {
            CookieFlags probe;
            probe.*member = value;
            validate_cookie_flags(probe);
        };
    };
    if (flags.name.empty()) flags.name = p.ask("Cookie name", not_blank);
    if (flags.provider.empty())
        flags.provider = p.ask("Provider (a recipient id, or first-party)", [&](const std::string& v) {
            if (v == "first-party" || reg.find_recipient(v)) return;
            std::vector<std::string_view> known{"first-party"};
            for (const auto& r : reg.recipients) known.push_back(r.id);
            throw UsageError(fmt::format("`{}` is not a recipient in the register", v),
                             diag::did_you_mean(v, known).empty() ? "add it first with `gdprctl recipient add`"
                                                                  : diag::did_you_mean(v, known));
        });
    if (flags.category.empty())
        flags.category = p.ask(fmt::format("Category ({})", diag::one_of(model::names<model::CookieCategory>())),
                               check(&CookieFlags::category));
    if (flags.expiry.empty())
        flags.expiry = p.ask("Expiry (ISO 8601 duration such as P13M, or session)", check(&CookieFlags::expiry));
    auto category = model::parse<model::CookieCategory>(flags.category);
    if (category == model::CookieCategory::analytics || category == model::CookieCategory::marketing) {
        p.out() << "An analytics or marketing cookie needs prior consent (ePrivacy Directive Art. 5(3)); name the\n"
                   "system and the purpose it serves, so that the consent and the notice can be traced.\n";
        std::vector<std::string_view> systems;
        for (const auto& s : reg.systems) systems.push_back(s.id);
        if (flags.system.empty())
            flags.system = p.ask("System the cookie serves", [&](const std::string& v) {
                if (!reg.find_system(v))
                    throw UsageError(fmt::format("`{}` is not a system in the register", v),
                                     systems.empty() ? "add the system first with `gdprctl register add`"
                                                     : hint_or_list(v, systems));
            });
        if (flags.purpose.empty()) {
            const auto* system = reg.find_system(flags.system);
            std::vector<std::string_view> purposes;
            if (system)
                for (const auto& purpose : system->purposes) purposes.push_back(purpose.id);
            flags.purpose = p.ask("Purpose of that system the cookie serves", [&](const std::string& v) {
                if (system && std::find(purposes.begin(), purposes.end(), v) == purposes.end())
                    throw UsageError(fmt::format("`{}` is not a purpose of `{}`", v, flags.system),
                                     hint_or_list(v, purposes));
            });
        }
    }
}

}  // namespace gdprctl::authoring
