#include "rules/catalogue.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::rules {
namespace {

using diag::Severity;
constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

constexpr std::string_view register_format = "GDPR Art. 30(1), gdprctl register format";

}  // namespace

const std::vector<RuleInfo>& catalogue() {
    static const std::vector<RuleInfo> rules{
        // ---- structural: the register must be readable before it can be judged ------------
        {"yaml-syntax", E, register_format, "The file is not valid YAML",
         "A register file that cannot be parsed cannot be part of the record of processing; nothing else in it is "
         "checked until it parses.",
         "Fix the syntax at the position shown (indentation, a missing colon, an unclosed quote).", true},
        {"file-unreadable", E, register_format, "A register file cannot be read",
         "gdprctl could not open or read a file of the register, so part of the record is missing.",
         "Check the file's permissions and that it is a regular file.", true},
        {"file-not-regular", E, register_format, "A register file that is not a regular file",
         "A FIFO, device or socket named like a register file could block or feed endless data; it is not opened, "
         "and the part of the record it was meant to hold is missing.",
         "Replace it with a regular text file, or remove it.", true},
        {"file-outside-workspace", E, register_format, "A register file that links outside the workspace",
         "Register files come from pull requests; a link leaving the workspace could make gdprctl print files it "
         "was never meant to read (secrets in CI logs), so it is not followed.",
         "Copy the file into the workspace, or remove the link.", true},
        {"file-too-large", E, register_format, "A register file larger than the limit",
         "A register file is text written by people; a file past the limit (64 MiB) is not read, so that a hostile "
         "file cannot exhaust memory.",
         "Split the register into several files.", true},
        {"folder-unreadable", E, register_format, "A folder of the workspace cannot be listed",
         "The register files in a folder gdprctl cannot list are not checked, so part of the record may be missing.",
         "Give the folder read and execute permission, or move it out of the workspace.", true},
        {"stale-temp-file", W, register_format, "A temporary file left by an interrupted write",
         "A write of a register file was killed between writing its temporary file and renaming it into place; "
         "the register file kept its previous content and the temporary file is clutter that may hold a newer "
         "draft.",
         "Delete it, or compare it with the register file first; the next write of that file removes it.", true},
        {"yaml-expansion-too-large", E, register_format, "Aliases expand a file past the limit",
         "YAML aliases are expanded into copies; nested aliases can multiply a small file into gigabytes (a "
         "\"billion laughs\"). Expansion is bounded relative to the file and absolutely.",
         "Write the repeated parts out, or use fewer nested aliases.", true},
        {"invalid-utf8", E, register_format, "A register file that is not valid UTF-8",
         "Register text is UTF-8; invalid bytes would make JSON, SARIF and JUnit outputs invalid. They are shown "
         "as U+FFFD.",
         "Save the file as UTF-8.", true},
        {"duplicate-key", E, register_format, "A mapping key appears twice",
         "YAML silently keeps only one of two equal keys, so one of the values would be lost without notice.",
         "Remove one of the entries or merge them.", true},
        {"schema-type", E, register_format, "A field has the wrong type",
         "The field holds a value of another kind than the format expects (a list where a word is expected, or the "
         "reverse).",
         "Write the value in the shape the register format documents (docs/register-format.md).", true},
        {"schema-required", E, register_format, "A required field is missing",
         "Art. 30(1) lists what a record of processing must hold; the register format makes those fields "
         "required.",
         "Add the field named in the message.", true},
        {"schema-unknown-field", E, register_format, "A field the format does not know",
         "An unknown field is usually a typo of a known one, whose value is then silently missing.",
         "Rename it as the hint suggests, or remove it.", true},
        {"schema-enum", E, register_format, "A value outside the allowed list",
         "Roles, transfer mechanisms, cookie categories and retention actions have a fixed vocabulary.",
         "Use one of the values listed in the message.", true},
        {"schema-pattern", E, register_format, "A value in the wrong form",
         "Country codes are ISO 3166-1 alpha-2 so that transfers outside the EEA can be recognised.",
         "Write the value in the form the message gives.", true},
        {"invalid-date", E, register_format, "A date that is malformed or does not exist",
         "Review dates and agreement dates must be real calendar dates for deadlines to be computed.",
         "Write an ISO 8601 date, YYYY-MM-DD, that exists (2026-02-30 does not).", true},
        {"invalid-duration", E, "GDPR Art. 5(1)(e), Art. 30(1)(f)", "A period that is not an ISO 8601 duration",
         "Retention periods, review intervals and cookie lifetimes must be machine-readable to be enforced; "
         "\"1 jaar\" or \"two years\" cannot be.",
         "Write an ISO 8601 duration: P1Y, P50M, P30D, PT24H.", true},
        {"duplicate-id", E, register_format, "Two entries share an id",
         "Ids identify systems, recipients, cookies and purposes across files; a duplicate makes references "
         "ambiguous.",
         "Give each entry its own id, or remove the duplicate.", true},
        {"unknown-reference", E, register_format, "A reference to something not declared",
         "A system names a recipient, or a cookie names a system or purpose, that the register does not declare.",
         "Declare the missing entry or correct the id.", true},
        {"unknown-data-category", E, "GDPR Art. 30(1)(c)", "A data category outside the taxonomy",
         "Categories of personal data come from the built-in taxonomy (or the organisation's additions) so that "
         "special and criminal data are recognised.",
         "Use a taxonomy key (identity.name, contact.email, ...) or add it under `taxonomy:` in gdpr.yaml.", true},
        {"data-not-in-system", E, "GDPR Art. 30(1)(c)", "A purpose or retention rule names data its system does not hold",
         "Every category a purpose or retention rule uses must be listed in the system's `data`.",
         "Add the category to the system's `data` or remove it from the purpose or rule.", true},
        // ---- lawfulness ---------------------------------------------------------------------
        {"lawful-basis-unknown", E, "GDPR Art. 6(1)", "A lawful basis that is not one of the six",
         "Processing is lawful only on consent, contract, legal obligation, vital interests, public task or "
         "legitimate interests.",
         "Use one of: consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests.", false},
        {"consent-without-evidence", E, "GDPR Art. 7(1)", "Consent without evidence",
         "Where processing rests on consent the controller must be able to demonstrate that the person consented.",
         "Add `consent: {evidence: ...}` naming where consent is recorded (form log, consent ledger).", false},
        {"consent-without-withdrawal", E, "GDPR Art. 7(3)", "Consent without a withdrawal route",
         "Withdrawing consent must be possible at any time and as easy as giving it.",
         "Add `consent: {withdrawal: ...}` naming how people withdraw (unsubscribe link, account setting).", false},
        {"consent-for-everything", W, "GDPR Art. 6(1), Art. 7(4)", "Consent claimed as the basis for every purpose",
         "Consent must be freely given and cannot be a condition of a contract; service delivery usually rests on "
         "contract and statutory retention on legal obligation. A register that names consent for everything has "
         "usually not assessed its bases.",
         "Assess each purpose and name the basis that really applies.", false},
        {"legitimate-interests-without-lia", E, "GDPR Art. 6(1)(f)", "Legitimate interests without a balancing test",
         "Legitimate interests need a documented balancing test (LIA) showing the interests are not overridden by "
         "the person's rights.",
         "Add `lia:` with a reference to the balancing test.", false},
        {"legal-obligation-without-law", E, "GDPR Art. 6(1)(c), Art. 6(3)", "Legal obligation without the law named",
         "A legal obligation must be laid down by Union or Member State law; the record should name it.",
         "Add `law:` naming the statute and article.", false},
        {"special-condition-without-law", E, "GDPR Art. 9(2)(b), (g), (h), (i), (j)",
         "An Art. 9(2) condition without the law it rests on",
         "Employment and social security, substantial public interest, health and social care, public health and "
         "archiving or research can lift the Art. 9(1) prohibition only on the basis of Union or Member State law, "
         "which the record should name.",
         "Add `law:` naming the statute and article.", false},
        {"national-id-without-law", E, "GDPR Art. 87; UAVG art. 46",
         "A national identification number used without a law permitting it",
         "Member States set the conditions for national identification numbers; in the Netherlands the citizen "
         "service number (BSN) may be used only where a law provides for it.",
         "Add `law:` naming the statute that permits the use, or stop using the number.", false},
        {"placeholder-reference", E, "GDPR Art. 5(2), Art. 6(1)(f), Art. 6(3), Art. 7(1), Art. 10",
         "A placeholder instead of a reference",
         "`n/a`, `tbd`, `-` or `todo` in `law`, `lia`, `criminal_authority` or consent `evidence` records nothing: "
         "the controller cannot demonstrate what the field claims.",
         "Name the real law, assessment or evidence, or remove the field so that the gap is reported.", false},
        {"consent-for-necessary-processing", W, "GDPR Art. 6(1), Art. 7(4); EDPB Guidelines 05/2020",
         "Consent for processing that is necessary anyway (heuristic)",
         "Consent is not free where the processing is necessary for a contract or required by law; the purpose's "
         "`requirement` or its description suggests it is. This is a heuristic, so a warning.",
         "Rest the purpose on `contract` or `legal-obligation`, or reword it if it really is optional.", false},
        {"special-category-without-condition", E, "GDPR Art. 9(1), Art. 9(2)",
         "Special-category data without an Art. 9(2) condition",
         "Processing special categories is prohibited unless one of the Art. 9(2)(a)-(j) conditions applies, in "
         "addition to an Art. 6 basis.",
         "Add `special_condition: 9(2)(x)` to each purpose using the data.", false},
        {"criminal-data-without-authority", E, "GDPR Art. 10", "Criminal data without Art. 10 authority",
         "Data on criminal convictions and offences may be processed only under official authority or when Union "
         "or Member State law authorises it.",
         "Add `criminal_authority:` naming the law that authorises it.", false},
        // ---- storage limitation ---------------------------------------------------------------
        {"retention-missing", E, "GDPR Art. 5(1)(e), Art. 30(1)(f)", "A data category without a retention period",
         "Every category of personal data needs an envisaged time limit for erasure.",
         "Add a `retention:` rule covering the category, with an ISO 8601 period.", false},
        {"retention-undetermined", E, "GDPR Art. 5(1)(e), Art. 30(1)(f)", "Data kept for an undetermined period",
         "Keeping data for an undetermined period conflicts with storage limitation; the record must state when it "
         "is erased.",
         "Replace `undetermined` with a period (P2Y) and the event it runs from.", false},
        {"purpose-without-description", W, "GDPR Art. 12(1), Art. 13(1)(c)", "A purpose without a description",
         "The notice tells data subjects the purposes in clear and plain language; a purpose id such as "
         "`svc-dlv` is not an explanation, and the notice never shows one in place of a description.",
         "Add `description:` to the purpose, in words a customer understands.", false},
        // ---- recipients and transfers -------------------------------------------------------
        {"processor-without-agreement", E, "GDPR Art. 28(3)", "A processor without a signed agreement",
         "Processing by a processor must be governed by a written contract (a DPA).",
         "Add `agreement: {signed: YYYY-MM-DD, reference: ...}`.", false},
        {"transfer-without-safeguard", E, "GDPR Art. 44-49", "A recipient outside the EEA without a transfer mechanism",
         "Personal data may leave the EEA only under an adequacy decision (Art. 45), appropriate safeguards such "
         "as SCCs or BCRs (Art. 46, 47), or an Art. 49 derogation. A country with an adequacy decision in force "
         "needs nothing more (`gdprctl` knows the decisions; a recipient in the United States is covered only when "
         "certified under the EU-US Data Privacy Framework).",
         "Add `transfer: scc|bcr|derogation`, or `dpf_checked:` for a certified US recipient.", false},
        {"transfer-adequacy-without-decision", E, "GDPR Art. 45(1)", "Adequacy claimed where no decision applies",
         "A transfer may rest on adequacy only where the Commission has decided that the country (or the "
         "recipient's sector) ensures an adequate level of protection. For the United States that is Decision "
         "2023/1795, which covers only organisations certified under the EU-US Data Privacy Framework.",
         "Use SCCs, BCRs or a derogation, or record the recipient's certification with `dpf_checked:`.", false},
        {"transfer-scc-without-tia", W, "GDPR Art. 46(1); CJEU C-311/18 (Schrems II)",
         "SCCs without a transfer impact assessment",
         "Standard contractual clauses protect the data only where the destination's law lets the importer keep "
         "them; the exporter assesses that before transferring (EDPB Recommendations 01/2020).",
         "Record the assessment in `tia: <reference>`.", false},
        {"joint-controller-without-arrangement", E, "GDPR Art. 26(1)", "A joint controller without an arrangement",
         "Joint controllers determine their respective responsibilities in an arrangement between them, whose "
         "essence is made available to the data subject.",
         "Record the arrangement under the recipient's `agreement:`.", false},
        {"agreement-signed-in-future", E, "GDPR Art. 28(3), Art. 5(2)", "An agreement dated after today",
         "An agreement recorded as signed on a date still to come is not yet in force; until then the processing "
         "has no agreement.",
         "Record the date the agreement was really signed.", false},
        // ---- cookies --------------------------------------------------------------------------
        {"cookie-without-consent", E, "ePrivacy Directive Art. 5(3)", "A non-essential cookie without consent",
         "Storing or reading anything but strictly necessary cookies needs the visitor's prior consent. Exempt "
         "as well: user-interface cookies such as a language choice (`category: user-interface`, WP29 Opinion "
         "04/2012) and, for an organisation established in the Netherlands, first-party analytics "
         "(Telecommunicatiewet art. 11.7a(3)(b)).",
         "Link the cookie to a purpose with `basis: consent` (`system:` and `purpose:`), or mark it "
         "strictly-necessary if it really is.",
         false},
        {"cookie-lifetime-too-long", W, "CNIL guidance on cookies (deliberations 2020-091 and 2020-092), not law",
         "A cookie that lives over 13 months",
         "The CNIL recommends that cookies other than strictly necessary ones live at most 13 months, after which "
         "consent is asked again. This is a regulator's guidance, not a provision of the ePrivacy Directive or the "
         "GDPR, so it is a warning.",
         "Shorten the cookie's lifetime to P13M or less.", false},
        {"cookie-provider-undeclared", E, "GDPR Art. 13(1)(e), Art. 30(1)(d)", "A cookie from an undeclared provider",
         "A third party that sets cookies receives personal data and must be declared as a recipient.",
         "Declare the provider under `recipients:`, or write `provider: first-party` for your own cookies.", false},
        {"cookie-expiry-mismatch", W, "GDPR Art. 13(2)(a); ePrivacy Directive Art. 5(3)",
         "A well-known persistent cookie declared as a session cookie",
         "The cookie table tells visitors how long each cookie lives; a well-known cookie (such as Google "
         "Analytics' _ga, which lives two years unless configured otherwise) declared as a session cookie "
         "misinforms them.",
         "Declare the lifetime the cookie really has (configure consent cookies to at most 13 months).", false},
        // ---- reviews and accountability -----------------------------------------------------
        {"system-review-overdue", W, "GDPR Art. 5(2), Art. 24(1)", "A system's review is overdue",
         "The register is reviewed at least at the configured interval (annually by default) so that it stays true.",
         "Review the system and run `gdprctl register review ID`.", false},
        {"review-date-in-future", E, "GDPR Art. 5(2), Art. 24(1)", "A review dated after today",
         "The record is evidence: a review is recorded on the day it happens, so a date after today claims a review "
         "that has not taken place and would hide the next one that falls due.",
         "Correct `last_review` to the day of the review, or run `gdprctl register review ID` on that day.", false},
        {"holiday-calendar-gap", W, "GDPR Art. 12(3); Regulation 1182/71 Art. 3(4)",
         "Request deadlines would fall in a year the holiday calendar does not cover",
         "A deadline that ends on a public holiday moves to the next working day; where the holidays of a year are "
         "unknown (no built-in calendar for the country, or a year its decrees do not reach yet), due dates can come "
         "a day or two early.",
         "List that year's public holidays in `settings.holidays`, or use a gdprctl whose built-in calendar covers it.",
         false},
        {"policy-review-overdue", W, "GDPR Art. 24(1)", "The privacy policy's review is overdue",
         "Data-protection policies are reviewed and updated where necessary; the policy promises an annual review.",
         "Review the policy and update `policy.last_review` in gdpr.yaml.", false},
        {"missing-responsible-person", W, "Privacy policy (Responsible Person); GDPR Art. 24(1)",
         "No responsible person named",
         "The organisation's policy requires a named Responsible Person who owns compliance. The GDPR itself does "
         "not require one (it requires a DPO only in the cases of Art. 37), so this is a warning.",
         "Add `organization.responsible_person` with role and e-mail.", false},
        {"missing-representative", E, "GDPR Art. 27(1)", "No representative in the Union",
         "A controller not established in the Union that offers goods or services to people in the Union, or "
         "monitors them, designates a representative in the Union in writing.",
         "Add `organization.representative` with name and e-mail.", false},
        {"dpo-not-designated", W, "GDPR Art. 37(1)", "No DPO where the register shows the Art. 37(1) indicators",
         "A DPO is designated by a public authority, and where the core activities are regular and systematic "
         "monitoring on a large scale (telecom traffic and location data are examples) or large-scale processing "
         "of special or criminal data. The register shows an indicator and neither a DPO nor a documented decision.",
         "Designate a DPO under `dpo:`, or record the assessment in `organization.dpo_assessment`.", false},
        {"dpia-missing", W, "GDPR Art. 35(1), (3); AP DPIA list (Stcrt. 2019, 64418)",
         "No DPIA recorded for a system showing the indicators",
         "A data protection impact assessment precedes processing likely to result in a high risk: automated "
         "decisions with legal effects, large-scale special categories, large-scale systematic monitoring, and the "
         "types on the supervisory authority's list (location, communication and financial data on a large "
         "scale).",
         "Carry out the DPIA and record it in the system's `dpia:`.", false},
        {"missing-contact", E, "GDPR Art. 13(1)(a), Art. 30(1)(a)", "No controller contact details",
         "The record and the privacy notice must give the controller's contact details.",
         "Add `organization.contact.email`.", false},
        {"missing-security-measures", E, "GDPR Art. 32, Art. 30(1)(g)", "A system without security measures",
         "The record describes the technical and organisational measures protecting each processing.",
         "List the system's measures under `security:` (tls, access-control, encryption-at-rest, backups).", false},
        {"schema-outdated", W, register_format, "The workspace's editor schemas are older than gdprctl's",
         "Editors validate the register against the copy in `.schemas/`; an old copy accepts what check refuses "
         "or refuses what it accepts.",
         "Run `gdprctl schema write` and commit `.schemas/`.", true},
        {"data-unused", W, "GDPR Art. 5(1)(c)", "Data a system holds that no purpose uses",
         "Data minimisation: data is limited to what is necessary for the purposes it is processed for.",
         "Add the category to a purpose's `data`, or stop collecting it.", false},
        // ---- suppressions: a silenced finding is a decision someone must be able to account for --
        {"suppression-invalid", E, "GDPR Art. 5(2) (accountability)", "A suppression without a reason or a known rule",
         "`# gdprctl: ignore[rule-id] reason` records a decision not to act on a finding; the controller must be "
         "able to show why, so a suppression without a reason, or naming no known rule, silences nothing.",
         "Write the rule id and the reason: `# gdprctl: ignore[data-unused] kept for the fraud check, see DPIA-7`.",
         true},
        {"suppression-unused", W, "GDPR Art. 5(2) (accountability)", "A suppression that silences nothing",
         "A suppression whose finding is gone (fixed, or moved) would silently hide the next finding of that rule "
         "at that place.",
         "Remove the `# gdprctl: ignore[...]` comment.", true},
    };
    return rules;
}

const RuleInfo* find_rule(std::string_view id) {
    const auto& rules = catalogue();
    auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& rule) { return rule.id == id; });
    return it == rules.end() ? nullptr : &*it;
}

std::vector<std::string_view> rule_ids() {
    std::vector<std::string_view> ids;
    for (const auto& rule : catalogue()) ids.push_back(rule.id);
    return ids;
}

std::string suggest_rule(std::string_view word) {
    auto ids = rule_ids();
    std::vector<std::string_view> about;
    for (auto id : ids)
        if (word.size() >= 3 && id.find(word) != std::string_view::npos) about.push_back(id);
    // A word that several ids share ("consent") is a topic, not a typo of the nearest id.
    if (about.size() > 1) return fmt::format("rules about `{}`: {}", word, fmt::join(about, ", "));
    if (auto hint = diag::did_you_mean(word, ids); !hint.empty()) return hint;
    if (!about.empty()) return fmt::format("did you mean `{}`?", about.front());
    return "run `gdprctl rules` to list every rule";
}

void apply_catalogue(std::vector<diag::Diagnostic>& diagnostics, const std::vector<diag::SeverityOverride>& overrides) {
    for (auto& d : diagnostics) {
        if (const auto* rule = find_rule(d.rule_id)) {
            d.severity = rule->severity;
            if (d.article.empty()) d.article = std::string(rule->article);
        }
        // The last one written wins (YAML refuses a repeated key, so there is one per rule).
        for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
            if (it->rule == d.rule_id) {
                d.severity = it->level;
                break;
            }
    }
}

std::vector<const RuleInfo*> select_rules(std::string_view id) {
    std::vector<const RuleInfo*> selected;
    if (id.empty()) {
        for (const auto& rule : catalogue()) selected.push_back(&rule);
        return selected;
    }
    if (const auto* rule = find_rule(id)) return {rule};
    throw UsageError(fmt::format("no rule `{}`", id), suggest_rule(id));
}

std::optional<OverrideProblem> check_severity_overrides(const std::vector<diag::SeverityOverride>& overrides) {
    for (const auto& entry : overrides) {
        const auto* rule = find_rule(entry.rule);
        if (!rule) return OverrideProblem{&entry, fmt::format("settings.severity names unknown rule `{}`", entry.rule),
                                          suggest_rule(entry.rule)};
        if (rule->structural && rule->severity == diag::Severity::error && entry.level != diag::Severity::error)
            return OverrideProblem{
                &entry,
                fmt::format("settings.severity cannot make `{}` a {}: a format error stays an error", entry.rule,
                            diag::to_string(entry.level)),
                "fix what it reports in the register files; only legal rules and format warnings can be set lower"};
    }
    return std::nullopt;
}

}  // namespace gdprctl::rules
