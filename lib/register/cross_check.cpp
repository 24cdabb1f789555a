// Checks that need the whole merged register: ids unique across files, references resolve,
// data categories exist in the taxonomy and purposes use only what their system holds.
#include "diag/reporter.hpp"
#include "diag/suggest.hpp"
#include "register/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace gdprctl::reg {
namespace {

class CrossChecker {
public:
    CrossChecker(const model::Register& reg, std::vector<diag::Diagnostic>& out) : reg_(reg), reporter_(out) {}

    void report(const model::Located& where, diag::Position pos, std::string_view rule, std::string message,
                std::string hint = {}) {
        reporter_.report(rule, reg_.file_of(where), pos, std::move(message), std::move(hint));
    }

    template <typename Entity, typename IdOf>
    void unique_ids(const std::vector<Entity>& entities, std::string_view kind, IdOf id_of) {
        std::unordered_map<std::string_view, const Entity*> seen;
        seen.reserve(entities.size());
        for (const auto& entity : entities) {
            std::string_view id = id_of(entity);
            if (id.empty()) continue;
            auto [it, inserted] = seen.emplace(id, &entity);
            if (inserted) continue;
            const Entity& first = *it->second;
            report(
                entity, entity.at(kind == "cookie" ? "name" : "id"), "duplicate-id",
                fmt::format("{} `{}` is defined twice; first at {}:{}", kind, id, reg_.file_of(first), first.pos.line),
                fmt::format("give each {} its own id, or remove one of them", kind));
        }
    }

    void known_categories(const model::Located& where, const std::vector<std::string>& data, std::string_view field) {
        for (const auto& key : data) {
            if (reg_.taxonomy.contains(key)) continue;  // unknown keys are reported once, by the loader
            // The same unknown key tends to recur across a register (one typo copied into many
            // systems): its hint is looked for once per run.
            auto [known, added] = category_hints_.try_emplace(key);
            if (added) {
                known->second = diag::did_you_mean(key, category_ids_);
                if (known->second.empty())
                    known->second =
                        "use a key of the built-in taxonomy (docs/register-format.md, Data categories), or add it "
                        "under `taxonomy:` in gdpr.yaml";
            }
            report(where, where.at(field), "unknown-data-category", fmt::format("unknown data category `{}`", key),
                   known->second);
        }
    }

    // A purpose or rule may name the key a system holds, a parent of it ("contact" for a system
    // holding contact.email) or a child of it.
    static bool covered_by(const std::string& key, const std::vector<std::string>& held) {
        for (const auto& have : held)
            if (model::Taxonomy::covers(have, key) || model::Taxonomy::covers(key, have)) return true;
        return false;
    }

    void run() {
        category_ids_ = reg_.taxonomy.ids();
        unique_ids(reg_.systems, "system", [](const model::System& s) -> std::string_view { return s.id; });
        unique_ids(reg_.recipients, "recipient", [](const model::Recipient& r) -> std::string_view { return r.id; });
        unique_ids(reg_.cookies, "cookie", [](const model::Cookie& c) -> std::string_view { return c.name; });

        std::unordered_map<std::string_view, const model::System*> systems;
        for (const auto& system : reg_.systems) systems.emplace(system.id, &system);
        std::vector<std::string_view> system_ids, recipient_ids;
        for (const auto& system : reg_.systems) system_ids.push_back(system.id);
        std::unordered_map<std::string_view, const model::Recipient*> recipients;
        for (const auto& recipient : reg_.recipients) {
            recipients.emplace(recipient.id, &recipient);
            recipient_ids.push_back(recipient.id);
        }

        for (const auto& system : reg_.systems) {
            known_categories(system, system.data, "data");
            for (const auto& recipient : system.recipients)
                if (!recipients.count(recipient))
                    report(system, system.at("recipients"), "unknown-reference",
                           fmt::format("system `{}` names recipient `{}`, which is not declared", system.id, recipient),
                           hint_or(diag::did_you_mean(recipient, recipient_ids),
                                   "declare it under `recipients:` or `gdprctl recipient add`"));
            std::unordered_map<std::string_view, const model::Purpose*> purpose_ids;
            for (const auto& purpose : system.purposes) {
                if (!purpose.id.empty() && !purpose_ids.emplace(purpose.id, &purpose).second)
                    report(purpose, purpose.at("id"), "duplicate-id",
                           fmt::format("purpose `{}` appears twice in system `{}`", purpose.id, system.id),
                           "give each purpose of a system its own id");
                known_categories(purpose, purpose.data, "data");
                // A purpose's recipients are a subset of its system's, so that the system's list
                // stays the complete Art. 30(1)(d) answer for the system.
                for (const auto& recipient : purpose.recipients.value_or(std::vector<std::string>{}))
                    if (std::find(system.recipients.begin(), system.recipients.end(), recipient) ==
                        system.recipients.end())
                        report(purpose, purpose.at("recipients"), "unknown-reference",
                               fmt::format("purpose `{}` names recipient `{}`, which system `{}` does not list in "
                                           "its `recipients`",
                                           purpose.id, recipient, system.id),
                               hint_or(diag::did_you_mean(recipient,
                                                          std::vector<std::string_view>(system.recipients.begin(),
                                                                                        system.recipients.end())),
                                       "add it to the system's `recipients`, or fix the id"));
                for (const auto& key : purpose.data)
                    if (reg_.taxonomy.contains(key) && !covered_by(key, system.data))
                        report(purpose, purpose.at("data"), "data-not-in-system",
                               fmt::format("purpose `{}` uses `{}`, which system `{}` does not list in its `data`",
                                           purpose.id, key, system.id),
                               fmt::format("add `{}` to the system's `data`, or remove it from the purpose", key));
            }
            for (const auto& rule : system.retention) {
                known_categories(rule, rule.data, "data");
                for (const auto& key : rule.data)
                    if (reg_.taxonomy.contains(key) && !covered_by(key, system.data))
                        report(rule, rule.at("data"), "data-not-in-system",
                               fmt::format("retention rule names `{}`, which system `{}` does not list in its `data`",
                                           key, system.id),
                               fmt::format("add `{}` to the system's `data`, or remove it from the rule", key));
            }
        }

        for (const auto& cookie : reg_.cookies) {
            if (cookie.system.empty()) continue;
            auto it = systems.find(cookie.system);
            if (it == systems.end()) {
                report(cookie, cookie.at("system"), "unknown-reference",
                       fmt::format("cookie `{}` names system `{}`, which is not declared", cookie.name, cookie.system),
                       hint_or(diag::did_you_mean(cookie.system, system_ids), "declare the system or fix the id"));
                continue;
            }
            if (cookie.purpose.empty()) continue;
            std::vector<std::string_view> purposes;
            for (const auto& purpose : it->second->purposes) purposes.push_back(purpose.id);
            if (std::find(purposes.begin(), purposes.end(), cookie.purpose) == purposes.end())
                report(cookie, cookie.at("purpose"), "unknown-reference",
                       fmt::format("cookie `{}` names purpose `{}`, which system `{}` does not have", cookie.name,
                                   cookie.purpose, cookie.system),
                       hint_or(diag::did_you_mean(cookie.purpose, purposes),
                               fmt::format("purposes of `{}`: {}", cookie.system, fmt::join(purposes, ", "))));
        }
    }

private:
    static std::string hint_or(std::string hint, std::string fallback) {
        return hint.empty() ? std::move(fallback) : std::move(hint);
    }

    const model::Register& reg_;
    diag::Reporter reporter_;
    std::vector<std::string_view> category_ids_;
    std::unordered_map<std::string, std::string> category_hints_;  // unknown key -> its hint
};

}  // namespace

void cross_check(const model::Register& reg, std::vector<diag::Diagnostic>& diagnostics) {
    CrossChecker(reg, diagnostics).run();
}

}  // namespace gdprctl::reg
