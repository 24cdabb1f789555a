#pragma once

#include "model/register.hpp"
#include "model/transfer.hpp"
#include "model/vocabulary.hpp"
#include "time/date.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The wording of the privacy notice, one table per language (GDPR Art. 12(1): "in a concise,
// transparent, intelligible and easily accessible form, using clear and plain language" — the
// language of the people it is for). Every sentence, heading and label the notice prints comes from
// these tables; the register's own text (purpose descriptions, consequences, names) is printed as
// written. A phrase missing from a table is a compile error, and tests/unit/report/notice_text_test
// checks that each English phrase has a Dutch one with the same placeholders.
namespace gdprctl::report {

enum class Language { en, nl };

std::string_view to_string(Language language);  // "en", "nl"
std::optional<Language> parse_language(std::string_view text);
const std::vector<std::string_view>& language_names();

enum class Phrase : std::size_t {
    // page
    doc_title,
    html_title,
    html_heading,
    the_controller,
    generated_from,
    generated_from_short,
    footer,
    warning_label,
    register_errors_one,
    register_errors_many,
    run_check_before_publishing,
    before_publishing_label,
    gaps_marked_one,
    gaps_marked_many,
    gaps_in_amber_one,
    gaps_in_amber_many,
    not_stated,
    contents,
    // sections
    section_who,
    section_data,
    section_purposes,
    section_purposes_short,
    section_retention,
    section_sharing,
    section_cookies,
    section_automated,
    section_sources,
    section_rights,
    section_contact,
    // who we are
    no_organisation,
    column_item,
    column_details,
    label_controller,
    label_registration,
    label_address,
    label_email,
    label_phone,
    label_responsible,
    label_dpo,
    label_representative,
    // data and purposes
    no_data,
    column_personal_data,
    column_kind,
    column_used_for,
    kind_special,
    kind_criminal,
    tag_special,
    tag_criminal,
    no_purposes,
    column_purpose,
    column_legal_basis,
    column_note,
    column_must_provide,
    not_recorded,
    purpose_not_described,
    note_required_by,
    note_interest,
    note_interests_weighed,
    note_withdraw,
    requirement_statutory,
    requirement_contractual,
    requirement_contract_prerequisite,
    requirement_voluntary,
    requirement_consequence,
    // retention
    no_retention,
    column_kept_for,
    period_ends,
    undetermined,
    not_valid_period,
    retention_after,
    retention_anonymised,
    duration_zero,
    year_one,
    year_many,
    month_one,
    month_many,
    day_one,
    day_many,
    hour_one,
    hour_many,
    minute_one,
    minute_many,
    second_one,
    second_many,
    and_word,
    // sharing
    no_sharing,
    column_third_party,
    column_role,
    column_country,
    column_safeguard,
    role_not_recorded,
    safeguard_within_eea,
    safeguard_tia,
    safeguard_none_recorded,
    safeguard_scope_not_covered,
    safeguard_no_decision,
    decision_of,
    decision_renewed,
    decision_dpf,
    decision_scope,
    transfer_copy,
    transfer_copy_from_us,
    transfer_copy_by_writing,
    // cookies
    no_cookies,
    column_cookie,
    column_provider,
    column_type,
    column_expiry,
    column_consent,
    first_party,
    first_party_of,
    session,
    consent_asked,
    consent_not_needed,
    consent_not_tied,
    exemption_strictly_necessary,
    exemption_user_interface,
    exemption_first_party_analytics,
    cookies_consented,
    // automated decisions and sources
    no_automated,
    column_system,
    column_how_it_decides,
    column_what_it_means_for_you,
    legal_effect,
    sources_only_you,
    sources_also,
    column_source,
    // rights and contact
    column_right,
    column_article,
    column_what_it_means,
    right_access_what,
    right_rectification_what,
    right_erasure_what,
    right_restriction_what,
    right_portability_what,
    right_objection_what,
    exercise_no_email,
    exercise_email,
    exercise_answer,
    exercise_withdraw,
    questions,
    complaint,
    complaint_authority,
    // warnings: what the notice leaves out, and why
    warning_where,
    warning_no_law,
    warning_no_interest,
    warning_no_lia,
    warning_no_withdrawal,
    warning_no_requirement,
    warning_no_time_limit,
    warning_recipient_no_country,
    warning_recipient_no_ground,
    warning_cookie,
    warning_no_email,
    warning_withdrawal_not_everywhere,
    count_,
};

constexpr std::size_t phrase_count = static_cast<std::size_t>(Phrase::count_);

struct PhraseText {
    Phrase id;
    std::string_view text;
};

// The whole table of a language, in Phrase order (for the tests).
std::span<const PhraseText> phrase_table(Language language);

std::string_view phrase(Language language, Phrase id);

// A phrase with its `{}` placeholders filled.
template <typename... Args>
std::string say(Language language, Phrase id, const Args&... args) {
    return fmt::format(fmt::runtime(phrase(language, id)), args...);
}

// "GDPR Art. 6(1)(f)" as the language cites it: "art. 6 lid 1 sub f AVG" in Dutch.
std::string cite_gdpr(Language language, std::string_view english_citation);

// The Dutch labels of the register's vocabularies (the English ones are the vocabulary tables'
// own, model/vocabulary.hpp): one array per enum, in the enum's order, as long as its table.
template <typename Enum>
struct DutchLabels;
template <>
struct DutchLabels<model::LawfulBasis> {
    static constexpr std::array<std::string_view, 6> labels{
        "Toestemming",           "Overeenkomst", "Wettelijke verplichting", "Vitaal belang", "Taak van algemeen belang",
        "Gerechtvaardigd belang"};
};
template <>
struct DutchLabels<model::RecipientRole> {
    static constexpr std::array<std::string_view, 4> labels{
        "Verwerker", "Verwerkingsverantwoordelijke", "Gezamenlijke verwerkingsverantwoordelijke", "Overheidsinstantie"};
};
template <>
struct DutchLabels<model::TransferMechanism> {
    static constexpr std::array<std::string_view, 4> labels{"Adequaatheidsbesluit", "Modelcontractbepalingen",
                                                            "Bindende bedrijfsvoorschriften",
                                                            "Afwijking voor een specifieke situatie"};
};
template <>
struct DutchLabels<model::CookieCategory> {
    static constexpr std::array<std::string_view, 5> labels{"Strikt noodzakelijk", "Functioneel", "Analytisch",
                                                            "Marketing", "Gebruikersinterface"};
};
template <>
struct DutchLabels<model::Right> {
    static constexpr std::array<std::string_view, 6> labels{
        "Inzage", "Rectificatie", "Gegevenswissing", "Beperking van de verwerking", "Overdraagbaarheid van gegevens",
        "Bezwaar"};
};

// A vocabulary value's label in `language`.
template <model::HasVocabulary Enum>
std::string_view label(Language language, Enum value) {
    static_assert(DutchLabels<Enum>::labels.size() == model::Vocabulary<Enum>::entries.size(),
                  "every value of the vocabulary needs its Dutch label");
    return language == Language::nl ? DutchLabels<Enum>::labels[static_cast<std::size_t>(value)] : model::label(value);
}

// "Consent (GDPR Art. 6(1)(a))", "Toestemming (art. 6 lid 1 sub a AVG)".
template <model::HasVocabulary Enum>
std::string label_with_article(Language language, Enum value) {
    return fmt::format("{} ({})", label(language, value), cite_gdpr(language, model::article_of(value)));
}

// The name of a built-in data category in `language`; a category the register defines itself
// keeps the name the register gives it.
std::string category_name(Language language, std::string_view id, std::string_view name);

// "2 years and 6 months", "2 jaar en 6 maanden".
std::string duration_text(Language language, const time::Duration& duration);

// "2 years after end of contract, then anonymised", in words of `language` (the event is the
// register's own text).
std::string retention_text(Language language, const model::RetentionRule& rule);

// The part of a country an adequacy decision covers ("commercial organisations subject to PIPEDA").
std::string adequacy_scope(Language language, const model::AdequacyDecision& decision);

// An adequacy decision as the record and the notice name it: "Commission Implementing Decision (EU) 2023/1795 of
// 2023-07-10 (EU-US Data Privacy Framework; certification checked 2026-10-15)".
std::string adequacy_text(Language language, const model::AdequacyDecision& decision,
                          const model::Recipient& recipient);

}  // namespace gdprctl::report
