// Turns YAML trees into the domain model, reporting every structural problem on the way.
#include "diag/reporter.hpp"
#include "diag/suggest.hpp"
#include "register/duration_hint.hpp"
#include "register/loader.hpp"
#include "register/move_append.hpp"
#include "yaml/tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace gdprctl::reg {
namespace {

using yaml::Node;
using Fields = std::vector<std::string_view>;

// The top-level lists whose items are decoded while the file is parsed (see StreamedItems).
bool is_streamed_list(std::string_view key) {
    return key == "systems" || key == "recipients" || key == "cookies";
}

// The items of top-level lists decoded as the parser completed them, each list's results and
// findings kept apart (by the list's position) until its document is decoded: a file that fails
// to parse drops them unread, exactly as it drops its tree.
class StreamedItems {
public:
    FilePart& at(diag::Position list) { return lists_[key(list)]; }
    FilePart* find(diag::Position list) {
        auto it = lists_.find(key(list));
        return it == lists_.end() ? nullptr : &it->second;
    }

private:
    static std::pair<int, int> key(diag::Position pos) { return {pos.line, pos.col}; }
    std::map<std::pair<int, int>, FilePart> lists_;
};

class Decoder {
public:
    Decoder(const std::string& path, int file_index, diag::Sink& sink, StreamedItems* streamed = nullptr)
        : path_(path), file_index_(file_index), findings_(sink.items()), reporter_(sink.items()), streamed_(streamed) {}

    void report(std::string_view rule, diag::Position pos, std::string message, std::string hint = {}) {
        reporter_.report(rule, path_, pos, std::move(message), std::move(hint));
    }

    template <typename Entity>
    void locate(Entity& entity, Node& node) {
        entity.file = file_index_;
        entity.pos = node.pos;
        entity.field_positions.reserve(node.entries.size());  // at most one mark per field
    }

    // The text of a scalar, moved out of the tree: decode_file owns the trees, drops them once
    // decoded and reads each scalar's text into the model once, so a copy would be waste.
    // The tree is the decoder's own (decode_file parses it and drops it after), so scalars are
    // moved out rather than copied.
    static std::string take(Node& node) { return std::move(node.value); }

    // Reads the fields of one mapping: tracks which were used, reports missing required ones
    // and unknown ones (with a "did you mean").
    class MapReader {
    public:
        MapReader(Decoder& decoder, Node& node, std::string_view what, const Fields& known)
            : decoder_(decoder), node_(node), what_(what), known_(known) {}

        Node* get(std::string_view key) const {
            Node* value = node_.find(key);
            return value && !value->is_null() ? value : nullptr;
        }
        Node* require(std::string_view key) const {
            Node* value = get(key);
            if (!value)
                decoder_.report("schema-required", node_.find(key) ? node_.find(key)->pos : node_.pos,
                                fmt::format("{} is missing required field `{}`", what_, key),
                                fmt::format("add `{}:` to this {}", key, what_));
            return value;
        }
        void finish() const {
            for (auto& entry : node_.entries) {
                if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
                auto hint = diag::did_you_mean(entry.key, known_);
                if (hint.empty()) hint = fmt::format("a {} has the fields: {}", what_, fmt::join(known_, ", "));
                decoder_.report("schema-unknown-field", entry.key_pos,
                                fmt::format("unknown field `{}` in {}", entry.key, what_), hint);
            }
        }

    private:
        Decoder& decoder_;
        Node& node_;
        std::string_view what_;
        const Fields& known_;
    };

    bool expect(Node& node, Node::Kind kind, std::string_view field) {
        if (node.kind == kind) return true;
        report("schema-type", node.pos,
               fmt::format("`{}` must be a {}, not a {}", field, yaml::kind_name(kind), yaml::kind_name(node.kind)),
               kind == Node::Kind::sequence ? fmt::format("write it as a list: `{}: [a, b]`", field) : std::string{});
        return false;
    }

    template <typename Entity>
    std::string text(Node* node, std::string_view field, Entity& entity) {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return {};
        entity.mark(field, node->pos);
        return take(*node);
    }

    std::string text(Node* node, std::string_view field) {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return {};
        return take(*node);
    }

    template <typename Entity>
    std::vector<std::string> list(Node* node, std::string_view field, Entity& entity) {
        std::vector<std::string> result;
        if (!node) return result;
        // Marked even when rejected, so that a rule does not report the same mistake again as a
        // missing field (`security: tls` is one schema-type finding, not also missing measures).
        entity.mark(field, node->pos);
        if (!expect(*node, Node::Kind::sequence, field)) return result;
        result.reserve(node->items.size());
        for (auto& item : node->items) {
            if (!expect(item, Node::Kind::scalar, fmt::format("{}[]", field))) continue;
            result.push_back(take(item));
        }
        return result;
    }

    template <typename Entity>
    std::optional<time::Date> date(Node* node, std::string_view field, Entity& entity) {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return std::nullopt;
        entity.mark(field, node->pos);
        return parse_date_at(*node, field);
    }

    std::optional<time::Date> parse_date_at(Node& node, std::string_view field) {
        if (auto parsed = time::parse_date(node.value)) return parsed;
        report("invalid-date", node.pos, fmt::format("`{}` is not a valid date: `{}`", field, node.value),
               "write an ISO 8601 calendar date that exists, YYYY-MM-DD, e.g. 2026-03-01");
        return std::nullopt;
    }

    template <typename Entity>
    bool boolean(Node* node, std::string_view field, Entity& entity) {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return false;
        entity.mark(field, node->pos);
        if (node->value == "true") return true;
        if (node->value == "false") return false;
        report("schema-type", node->pos, fmt::format("`{}` must be true or false, not `{}`", field, node->value),
               fmt::format("write `{}: true` or `{}: false`", field, field));
        return false;
    }

    template <typename Entity>
    std::optional<time::Duration> duration(Node* node, std::string_view field, Entity& entity) {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return std::nullopt;
        entity.mark(field, node->pos);
        if (auto parsed = time::parse_duration(node->value)) return parsed;
        report_bad_duration(*node, field);
        return std::nullopt;
    }

    void report_bad_duration(Node& node, std::string_view field, std::string_view extra = {}) {
        std::string hint;
        if (auto guess = guess_iso_duration(node.value))
            hint = fmt::format("did you mean `{}`?", *guess);
        else
            hint = fmt::format("write an ISO 8601 duration such as P2Y, P50M or P30D{}", extra);
        report("invalid-duration", node.pos, fmt::format("`{}` is not an ISO 8601 duration: `{}`", field, node.value),
               hint);
    }

    // Clears `value` when it is not an ISO 3166-1 alpha-2 code, so later rules do not judge it.
    void check_country(Node& node, std::string& value) {
        if (!node.is_scalar() || model::looks_like_country_code(value)) return;
        report("schema-pattern", node.pos, fmt::format("`country` must be an ISO 3166-1 alpha-2 code, not `{}`", value),
               "write two upper-case letters, e.g. NL, DE, US");
        value.clear();
    }

    template <typename Enum, typename Entity>
    std::optional<Enum> enumeration(Node* node, std::string_view field, Entity& entity,
                                    const char* rule = "schema-enum") {
        if (!node || !expect(*node, Node::Kind::scalar, field)) return std::nullopt;
        entity.mark(field, node->pos);
        if (auto parsed = model::parse<Enum>(node->value)) return parsed;
        const auto& names = model::names<Enum>();
        auto hint = diag::did_you_mean(node->value, names);
        report(rule, node->pos,
               fmt::format("`{}` has an unknown value `{}`; expected {}", field, node->value, diag::one_of(names)),
               hint);
        return std::nullopt;
    }

    // ---- entities -------------------------------------------------------------------------

    // A top-level list (`systems`, `recipients`, `cookies`): the items the parser already handed
    // to the streaming decoder come first, with their findings, then any the tree kept.
    void decode_list(std::string_view key, Node& node, FilePart& part) {
        if (!expect(node, Node::Kind::sequence, key)) return;
        if (FilePart* taken = streamed_ ? streamed_->find(node.pos) : nullptr) {
            move_append(part.systems, taken->systems);
            move_append(part.recipients, taken->recipients);
            move_append(part.cookies, taken->cookies);
            move_append(findings_, taken->sink.items());
        }
        for (auto& item : node.items) decode_item(key, item, part);
    }

    // One item of a top-level list; the parser's streaming hook calls this too.
    void decode_item(std::string_view key, Node& item, FilePart& part) {
        if (!expect(item, Node::Kind::map, fmt::format("{}[]", key))) return;
        if (key == "systems")
            part.systems.push_back(decode_system(item));
        else if (key == "recipients")
            part.recipients.push_back(decode_recipient(item));
        else
            part.cookies.push_back(decode_cookie(item));
    }

    model::System decode_system(Node& node) {
        static const Fields known{"id",       "name",        "description",     "owner",       "subjects",
                                  "data",     "sources",     "purposes",        "recipients",  "retention",
                                  "security", "last_review", "review_interval", "large_scale", "automated_decisions",
                                  "dpia"};
        model::System system;
        locate(system, node);
        MapReader fields(*this, node, "system", known);
        system.id = text(fields.require("id"), "id", system);
        system.name = text(fields.require("name"), "name", system);
        system.description = text(fields.get("description"), "description", system);
        system.owner = text(fields.require("owner"), "owner", system);
        system.subjects = list(fields.require("subjects"), "subjects", system);
        system.data = list(fields.require("data"), "data", system);
        system.sources = list(fields.get("sources"), "sources", system);
        system.recipients = list(fields.get("recipients"), "recipients", system);
        system.security = list(fields.get("security"), "security", system);
        system.last_review = date(fields.get("last_review"), "last_review", system);
        system.review_interval = duration(fields.get("review_interval"), "review_interval", system);
        system.large_scale = boolean(fields.get("large_scale"), "large_scale", system);
        system.dpia = text(fields.get("dpia"), "dpia", system);
        if (Node* automated = fields.get("automated_decisions");
            automated && expect(*automated, Node::Kind::map, "automated_decisions")) {
            static const Fields automated_fields{"logic", "consequences", "legal_effect"};
            system.mark("automated_decisions", automated->pos);
            MapReader reader(*this, *automated, "automated_decisions", automated_fields);
            model::AutomatedDecisions record;
            record.logic = text(reader.require("logic"), "logic");
            record.consequences = text(reader.require("consequences"), "consequences");
            model::Located ignored;
            record.legal_effect = boolean(reader.get("legal_effect"), "legal_effect", ignored);
            reader.finish();
            system.automated_decisions = std::move(record);
        }
        if (Node* purposes = fields.require("purposes");
            purposes && expect(*purposes, Node::Kind::sequence, "purposes")) {
            system.mark("purposes", purposes->pos);
            system.purposes.reserve(purposes->items.size());
            for (auto& item : purposes->items)
                if (expect(item, Node::Kind::map, "purposes[]")) system.purposes.push_back(decode_purpose(item));
        }
        if (Node* retention = fields.get("retention");
            retention && expect(*retention, Node::Kind::sequence, "retention")) {
            system.mark("retention", retention->pos);
            system.retention.reserve(retention->items.size());
            for (auto& item : retention->items)
                if (expect(item, Node::Kind::map, "retention[]")) system.retention.push_back(decode_retention(item));
        }
        fields.finish();
        return system;
    }

    model::Purpose decode_purpose(Node& node) {
        static const Fields known{"id",       "description",       "basis",
                                  "data",     "consent",           "lia",
                                  "law",      "special_condition", "criminal_authority",
                                  "interest", "requirement",       "recipients"};
        model::Purpose purpose;
        locate(purpose, node);
        MapReader fields(*this, node, "purpose", known);
        purpose.id = text(fields.require("id"), "id", purpose);
        purpose.description = text(fields.get("description"), "description", purpose);
        purpose.basis =
            enumeration<model::LawfulBasis>(fields.require("basis"), "basis", purpose, "lawful-basis-unknown");
        purpose.data = list(fields.get("data"), "data", purpose);
        purpose.lia = text(fields.get("lia"), "lia", purpose);
        purpose.law = text(fields.get("law"), "law", purpose);
        purpose.criminal_authority = text(fields.get("criminal_authority"), "criminal_authority", purpose);
        purpose.interest = text(fields.get("interest"), "interest", purpose);
        // Absent or null: the system's recipients; `recipients: []`: none.
        if (Node* recipients = fields.get("recipients")) purpose.recipients = list(recipients, "recipients", purpose);
        if (Node* requirement = fields.get("requirement");
            requirement && expect(*requirement, Node::Kind::map, "requirement")) {
            static const Fields requirement_fields{"kind", "consequence"};
            MapReader reader(*this, *requirement, "requirement", requirement_fields);
            model::RequirementRecord record;
            if (auto kind = enumeration<model::Requirement>(reader.require("kind"), "requirement.kind", purpose))
                record.kind = *kind;
            record.consequence = text(reader.get("consequence"), "consequence");
            reader.finish();
            purpose.mark("requirement", requirement->pos);
            purpose.requirement = std::move(record);
        }
        if (Node* condition = fields.get("special_condition")) {
            auto value = text(condition, "special_condition", purpose);
            const auto& names = model::special_condition_names();
            if (!value.empty() && std::find(names.begin(), names.end(), value) == names.end())
                report("schema-enum", condition->pos,
                       fmt::format("`special_condition` has an unknown value `{}`; expected {}", value,
                                   diag::one_of(names)),
                       diag::did_you_mean(value, names));
            else
                purpose.special_condition = value;
        }
        if (Node* consent = fields.get("consent"); consent && expect(*consent, Node::Kind::map, "consent")) {
            static const Fields consent_fields{"evidence", "withdrawal"};
            purpose.mark("consent", consent->pos);
            MapReader consent_reader(*this, *consent, "consent record", consent_fields);
            model::ConsentRecord record;
            record.evidence = text(consent_reader.get("evidence"), "evidence");
            record.withdrawal = text(consent_reader.get("withdrawal"), "withdrawal");
            consent_reader.finish();
            purpose.consent = record;
        }
        fields.finish();
        return purpose;
    }

    model::RetentionRule decode_retention(Node& node) {
        static const Fields known{"data", "period", "after", "action", "reason"};
        model::RetentionRule rule;
        locate(rule, node);
        MapReader fields(*this, node, "retention rule", known);
        rule.data = list(fields.require("data"), "data", rule);
        if (Node* period = fields.require("period"); period && expect(*period, Node::Kind::scalar, "period")) {
            rule.mark("period", period->pos);
            if (period->value == "undetermined")
                rule.undetermined = true;
            else if (auto parsed = time::parse_duration(period->value))
                rule.period = parsed;
            else
                report_bad_duration(*period, "period", ", or `undetermined` to record that none is set");
        }
        rule.after = text(fields.get("after"), "after", rule);
        rule.reason = text(fields.get("reason"), "reason", rule);
        if (auto action = enumeration<model::RetentionAction>(fields.get("action"), "action", rule))
            rule.action = *action;
        fields.finish();
        return rule;
    }

    model::Recipient decode_recipient(Node& item) {
        static const Fields known{"id",        "name",     "description", "role",        "country",
                                  "agreement", "transfer", "contact",     "dpf_checked", "tia"};
        model::Recipient recipient;
        locate(recipient, item);
        MapReader fields(*this, item, "recipient", known);
        recipient.id = text(fields.require("id"), "id", recipient);
        recipient.name = text(fields.require("name"), "name", recipient);
        recipient.description = text(fields.get("description"), "description", recipient);
        recipient.contact = text(fields.get("contact"), "contact", recipient);
        recipient.role = enumeration<model::RecipientRole>(fields.require("role"), "role", recipient);
        if (Node* country = fields.require("country")) {
            recipient.country = text(country, "country", recipient);
            check_country(*country, recipient.country);
        }
        recipient.transfer = enumeration<model::TransferMechanism>(fields.get("transfer"), "transfer", recipient);
        recipient.dpf_checked = date(fields.get("dpf_checked"), "dpf_checked", recipient);
        recipient.tia = text(fields.get("tia"), "tia", recipient);
        if (Node* agreement = fields.get("agreement"); agreement && expect(*agreement, Node::Kind::map, "agreement")) {
            static const Fields agreement_fields{"signed", "reference"};
            recipient.mark("agreement", agreement->pos);
            MapReader reader(*this, *agreement, "agreement", agreement_fields);
            model::Agreement record;
            if (Node* signed_on = reader.get("signed"); signed_on && expect(*signed_on, Node::Kind::scalar, "signed")) {
                recipient.mark("agreement.signed", signed_on->pos);
                record.signed_on = parse_date_at(*signed_on, "signed");
            }
            record.reference = text(reader.get("reference"), "reference");
            reader.finish();
            recipient.agreement = record;
        }
        fields.finish();
        return recipient;
    }

    model::Cookie decode_cookie(Node& item) {
        static const Fields known{"name", "provider", "description", "category", "expiry", "system", "purpose"};
        model::Cookie cookie;
        locate(cookie, item);
        MapReader fields(*this, item, "cookie", known);
        cookie.name = text(fields.require("name"), "name", cookie);
        cookie.provider = text(fields.require("provider"), "provider", cookie);
        cookie.description = text(fields.get("description"), "description", cookie);
        cookie.system = text(fields.get("system"), "system", cookie);
        cookie.purpose = text(fields.get("purpose"), "purpose", cookie);
        cookie.category = enumeration<model::CookieCategory>(fields.require("category"), "category", cookie);
        if (Node* expiry = fields.require("expiry"); expiry && expect(*expiry, Node::Kind::scalar, "expiry")) {
            cookie.mark("expiry", expiry->pos);
            if (expiry->value == "session")
                cookie.session = true;
            else if (auto parsed = time::parse_duration(expiry->value))
                cookie.expiry = parsed;
            else
                report_bad_duration(*expiry, "expiry", ", or `session` for a cookie deleted when the browser closes");
        }
        fields.finish();
        return cookie;
    }

    std::optional<model::Person> decode_person(Node* node, std::string_view field) {
        if (!node || !expect(*node, Node::Kind::map, field)) return std::nullopt;
        static const Fields known{"name", "role", "email", "phone"};
        MapReader reader(*this, *node, field, known);
        model::Person person;
        person.name = text(reader.get("name"), "name");
        person.role = text(reader.get("role"), "role");
        person.email = text(reader.get("email"), "email");
        person.phone = text(reader.get("phone"), "phone");
        reader.finish();
        return person;
    }

    void decode_organization(Node& node, FilePart& part) {
        if (!expect(node, Node::Kind::map, "organization")) return;
        static const Fields known{"name",
                                  "registration",
                                  "country",
                                  "address",
                                  "contact",
                                  "responsible_person",
                                  "dpo",
                                  "representative",
                                  "supervisory_authority",
                                  "public_authority",
                                  "dpo_assessment"};
        model::Organization org;
        locate(org, node);
        MapReader fields(*this, node, "organization", known);
        org.name = text(fields.require("name"), "name", org);
        org.registration = text(fields.get("registration"), "registration", org);
        if (Node* country = fields.require("country")) {
            org.country = text(country, "country", org);
            check_country(*country, org.country);
        }
        org.address = text(fields.get("address"), "address", org);
        org.supervisory_authority = text(fields.get("supervisory_authority"), "supervisory_authority", org);
        org.public_authority = boolean(fields.get("public_authority"), "public_authority", org);
        org.dpo_assessment = text(fields.get("dpo_assessment"), "dpo_assessment", org);
        if (const Node* dpo = node.find("dpo")) org.mark("dpo", dpo->pos);
        if (const Node* representative = node.find("representative")) org.mark("representative", representative->pos);
        if (Node* contact = fields.get("contact"); contact && expect(*contact, Node::Kind::map, "contact")) {
            static const Fields contact_fields{"email", "phone", "address"};
            org.mark("contact", contact->pos);
            MapReader reader(*this, *contact, "contact", contact_fields);
            org.email = text(reader.get("email"), "email");
            org.phone = text(reader.get("phone"), "phone");
            if (org.address.empty()) org.address = text(reader.get("address"), "address");
            reader.finish();
        }
        if (Node* person = fields.get("responsible_person")) org.mark("responsible_person", person->pos);
        org.responsible_person = decode_person(fields.get("responsible_person"), "responsible_person");
        org.dpo = decode_person(fields.get("dpo"), "dpo");
        org.representative = decode_person(fields.get("representative"), "representative");
        fields.finish();
        part.organization = std::move(org);
    }

    void decode_policy(Node& node, FilePart& part) {
        if (!expect(node, Node::Kind::map, "policy")) return;
        static const Fields known{"version", "last_review", "review_interval"};
        model::Policy policy;
        locate(policy, node);
        MapReader fields(*this, node, "policy", known);
        policy.version = text(fields.get("version"), "version", policy);
        policy.last_review = date(fields.get("last_review"), "last_review", policy);
        if (auto interval = duration(fields.get("review_interval"), "review_interval", policy))
            policy.review_interval = *interval;
        fields.finish();
        part.policy = std::move(policy);
    }

    void decode_settings(Node& node, FilePart& part) {
        if (!expect(node, Node::Kind::map, "settings")) return;
        static const Fields known{"system_review_interval", "holidays",  "disable", "severity",       "timezone",
                                  "keep_withdrawal_proof",  "rules_url", "store",   "store_retention"};
        model::Settings settings;
        model::Located ignored;
        MapReader fields(*this, node, "settings", known);
        if (auto interval = duration(fields.get("system_review_interval"), "system_review_interval", ignored))
            settings.system_review_interval = *interval;
        if (Node* holidays = fields.get("holidays"); holidays && expect(*holidays, Node::Kind::sequence, "holidays")) {
            for (auto& item : holidays->items)
                if (expect(item, Node::Kind::scalar, "holidays[]"))
                    if (auto parsed = parse_date_at(item, "holidays[]")) settings.holidays.push_back(*parsed);
        }
        if (Node* disable = fields.get("disable"); disable && expect(*disable, Node::Kind::sequence, "disable")) {
            for (auto& item : disable->items)
                if (expect(item, Node::Kind::scalar, "disable[]"))
                    settings.disabled_rules.push_back({take(item), item.pos});
        }
        if (Node* severity = fields.get("severity"); severity && expect(*severity, Node::Kind::map, "severity")) {
            // The rule ids are checked against the catalogue where it is known (check::run_check);
            // the levels here, where their position is.
            for (auto& entry : severity->entries) {
                auto field = fmt::format("severity.{}", entry.key);
                if (!expect(entry.value, Node::Kind::scalar, field)) continue;
                const auto& value = entry.value.value;
                if (auto level = diag::parse_severity(value)) {
                    settings.severity.push_back({entry.key, *level, entry.key_pos});
                    continue;
                }
                auto names = diag::severity_names();
                auto hint = diag::did_you_mean(value, names);
                for (auto name : names)  // `warn`, `err`: the start of a level
                    if (hint.empty() && value.size() >= 3 && name.starts_with(value))
                        hint = fmt::format("did you mean `{}`?", name);
                if (value == "off" || value == "ignore" || value == "none" || value == "false")
                    hint = fmt::format("to turn the rule off, list it under `disable:` instead (disable: [{}])",
                                       entry.key);
                report("schema-enum", entry.value.pos,
                       fmt::format("`{}` has an unknown level `{}`; expected {}", field, value, diag::one_of(names)),
                       hint);
            }
        }
        // The zone name is checked against the system's zoneinfo where it is used (time::Zone::load).
        settings.timezone = text(fields.get("timezone"), "timezone");
        // Where the operational store is: read by reg::configured_store_location (which needs
        // gdpr.yaml only); checked here to be text. A password in it is refused where the store is
        // opened (store/pg_connection.hpp).
        (void)text(fields.get("store"), "store");
        if (Node* keep = fields.get("keep_withdrawal_proof");
            keep && expect(*keep, Node::Kind::scalar, "keep_withdrawal_proof")) {
            if (keep->value == "true" || keep->value == "false")
                settings.keep_withdrawal_proof = keep->value == "true";
            else
                report("schema-type", keep->pos,
                       fmt::format("`keep_withdrawal_proof` must be true or false, not `{}`", keep->value));
        }
        settings.rules_url = text(fields.get("rules_url"), "rules_url", ignored);
        if (Node* retention = fields.get("store_retention")) {
            const auto findings_before = findings_.size();
            if (expect(*retention, Node::Kind::map, "store_retention")) {
                static const Fields periods{"requests", "consents", "breaches"};
                auto& store_retention = settings.store_retention;
                MapReader reader(*this, *retention, "store_retention", periods);
                for (auto [field, period] : {std::pair{"requests", &store_retention.requests},
                                             std::pair{"consents", &store_retention.consents},
                                             std::pair{"breaches", &store_retention.breaches}})
                    if (Node* given = reader.get(field))
                        if (auto parsed = duration(given, field, ignored)) {
                            if (parsed->is_zero())
                                report("invalid-duration", given->pos,
                                       fmt::format("`store_retention.{}` must be longer than zero, not `{}`", field,
                                                   given->value),
                                       "a retention sweep would delete every finished record at once; write a "
                                       "period such as P5Y, or leave the key out for the default");
                            else
                                *period = *parsed;
                        }
                reader.finish();
            }
            // The sweep names the first problem where it is, rather than delete by a default.
            if (findings_.size() > findings_before) {
                const auto& first = findings_[findings_before];
                settings.store_retention.problem =
                    fmt::format("{}:{}:{}: settings.store_retention: {}{}", first.path, first.pos.line, first.pos.col,
                                first.message, first.hint.empty() ? "" : fmt::format(" ({})", first.hint));
            }
        }
        fields.finish();
        part.settings = std::move(settings);
    }

    void decode_taxonomy(Node& node, FilePart& part) {
        if (!expect(node, Node::Kind::sequence, "taxonomy")) return;
        static const Fields known{"id", "name", "class"};
        for (auto& item : node.items) {
            if (!expect(item, Node::Kind::map, "taxonomy[]")) continue;
            MapReader fields(*this, item, "taxonomy entry", known);
            model::DataCategory category;
            category.built_in = false;
            category.id = text(fields.require("id"), "id");
            category.name = text(fields.require("name"), "name");
            if (Node* data_class = fields.get("class");
                data_class && expect(*data_class, Node::Kind::scalar, "class")) {
                if (data_class->value == "special")
                    category.data_class = model::DataClass::special;
                else if (data_class->value == "criminal")
                    category.data_class = model::DataClass::criminal;
                else if (data_class->value != "ordinary")
                    report(
                        "schema-enum", data_class->pos,
                        fmt::format("`class` has an unknown value `{}`; expected one of: ordinary, special, criminal",
                                    data_class->value));
            }
            fields.finish();
            if (!category.id.empty()) part.taxonomy.push_back(std::move(category));
        }
    }

    void decode_document(Node& root, bool is_workspace_file, FilePart& part) {
        if (root.is_null()) return;
        if (!root.is_map()) {
            report("schema-type", root.pos,
                   fmt::format("a register file must be a mapping of top-level lists, not a {}",
                               yaml::kind_name(root.kind)),
                   "start the file with `systems:`, `recipients:` or `cookies:`");
            return;
        }
        static const Fields workspace_keys{"organization", "policy",     "settings", "taxonomy",
                                           "systems",      "recipients", "cookies"};
        static const Fields register_keys{"systems", "recipients", "cookies"};
        const Fields& known = is_workspace_file ? workspace_keys : register_keys;
        for (auto& entry : root.entries) {
            Node& value = entry.value;
            if (is_streamed_list(entry.key)) {
                if (!value.is_null()) decode_list(entry.key, value, part);
            } else if (is_workspace_file && entry.key == "organization") {
                decode_organization(value, part);
            } else if (is_workspace_file && entry.key == "policy") {
                decode_policy(value, part);
            } else if (is_workspace_file && entry.key == "settings") {
                decode_settings(value, part);
            } else if (is_workspace_file && entry.key == "taxonomy") {
                if (!value.is_null()) decode_taxonomy(value, part);
            } else if (!is_workspace_file &&
                       std::find(workspace_keys.begin(), workspace_keys.end(), entry.key) != workspace_keys.end()) {
                report("schema-unknown-field", entry.key_pos,
                       fmt::format("`{}` belongs in gdpr.yaml, not in a register file", entry.key),
                       "move this block to the workspace's gdpr.yaml");
            } else {
                auto hint = diag::did_you_mean(entry.key, known);
                if (hint.empty()) hint = fmt::format("top-level keys here are: {}", fmt::join(known, ", "));
                report("schema-unknown-field", entry.key_pos, fmt::format("unknown top-level key `{}`", entry.key),
                       hint);
            }
        }
        if (is_workspace_file && !root.find("organization"))
            report("schema-required", root.pos, "gdpr.yaml is missing required field `organization`",
                   "add an `organization:` block with name, country and contact");
    }

private:
    const std::string& path_;
    int file_index_;
    std::vector<diag::Diagnostic>& findings_;  // what reporter_ appends to
    diag::Reporter reporter_;
    StreamedItems* streamed_;  // items decoded during the parse, merged by decode_list
};

// Decodes each item of a top-level list as soon as the parser completes it, then lets the
// parser drop it: the tree of a file never holds all its systems at once (design.md §6: check's
// memory stays flat whatever the size of one file).
class StreamingHook : public yaml::ItemHook {
public:
    StreamingHook(const std::string& path, int file_index, StreamedItems& items)
        : path_(path), file_index_(file_index), items_(items) {}
    bool wants(std::string_view key) const override { return is_streamed_list(key); }
    void take(std::string_view key, diag::Position list, Node& item) override {
        FilePart& part = items_.at(list);
        Decoder(path_, file_index_, part.sink).decode_item(key, item, part);
    }

private:
    const std::string& path_;
    int file_index_;
    StreamedItems& items_;
};

}  // namespace

void decode_file(std::string_view text, const std::string& path, int file_index, bool is_workspace_file,
                 FilePart& part) {
    StreamedItems streamed;
    StreamingHook hook(path, file_index, streamed);
    // not const: the decoder moves scalars out
    auto parsed = yaml::parse(text, path, part.sink, yaml::ExpansionBudget::for_text(text.size()), &hook);
    Decoder decoder(path, file_index, part.sink, &streamed);
    for (auto& document : parsed.documents) decoder.decode_document(document, is_workspace_file, part);
    // An empty gdpr.yaml still marks a workspace, but names no controller: say so rather than
    // reporting nothing.
    bool empty = std::all_of(parsed.documents.begin(), parsed.documents.end(),
                             [](const yaml::Node& document) { return document.is_null(); });
    if (is_workspace_file && parsed.ok && empty)
        decoder.report("schema-required", diag::Position{1, 1}, "gdpr.yaml is missing required field `organization`",
                       "add an `organization:` block with name, country and contact");
}

}  // namespace gdprctl::reg
