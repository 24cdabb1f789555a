#pragma once

#include "model/vocabulary_table.hpp"

#include <array>
#include <string_view>
#include <vector>

// The closed vocabularies of the register, each with its table: the spelling in the register
// files (kebab-case), a label for reports and the article it rests on. Use the generic
// to_string / parse<E> / names<E> / label / article_of of vocabulary_table.hpp.
namespace gdprctl::model {

// The six lawful bases of GDPR Art. 6(1)(a)-(f), and nothing else.
enum class LawfulBasis { consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests };

template <>
struct Vocabulary<LawfulBasis> {
    using E = LawfulBasis;
    static constexpr std::array<VocabularyEntry<E>, 6> entries{{
        {E::consent, "consent", "Consent", "GDPR Art. 6(1)(a)"},
        {E::contract, "contract", "Contract", "GDPR Art. 6(1)(b)"},
        {E::legal_obligation, "legal-obligation", "Legal obligation", "GDPR Art. 6(1)(c)"},
        {E::vital_interests, "vital-interests", "Vital interests", "GDPR Art. 6(1)(d)"},
        {E::public_task, "public-task", "Public task", "GDPR Art. 6(1)(e)"},
        {E::legitimate_interests, "legitimate-interests", "Legitimate interests", "GDPR Art. 6(1)(f)"},
    }};
    static_assert(is_complete(entries, E::legitimate_interests));
};

enum class RecipientRole { processor, controller, joint_controller, authority };

template <>
struct Vocabulary<RecipientRole> {
    using E = RecipientRole;
    static constexpr std::array<VocabularyEntry<E>, 4> entries{{
        {E::processor, "processor", "Processor", "GDPR Art. 28"},
        {E::controller, "controller", "Controller", "GDPR Art. 4(7)"},
        {E::joint_controller, "joint-controller", "Joint controller", "GDPR Art. 26"},
        {E::authority, "authority", "Public authority", ""},
    }};
    static_assert(is_complete(entries, E::authority));
};

// Art. 45 adequacy, Art. 46 SCCs, Art. 47 BCRs, Art. 49 derogations.
enum class TransferMechanism { adequacy, scc, bcr, derogation };

template <>
struct Vocabulary<TransferMechanism> {
    using E = TransferMechanism;
    static constexpr std::array<VocabularyEntry<E>, 4> entries{{
        {E::adequacy, "adequacy", "Adequacy decision", "GDPR Art. 45"},
        {E::scc, "scc", "Standard contractual clauses", "GDPR Art. 46(2)(c)"},
        {E::bcr, "bcr", "Binding corporate rules", "GDPR Art. 47"},
        {E::derogation, "derogation", "Derogation for a specific situation", "GDPR Art. 49"},
    }};
    static_assert(is_complete(entries, E::derogation));
};

// user_interface: a choice the visitor made, such as the language (WP29 Opinion 04/2012, 3.6).
enum class CookieCategory { strictly_necessary, functional, analytics, marketing, user_interface };

template <>
struct Vocabulary<CookieCategory> {
    using E = CookieCategory;
    static constexpr std::array<VocabularyEntry<E>, 5> entries{{
        {E::strictly_necessary, "strictly-necessary", "Strictly necessary", "ePrivacy Art. 5(3)"},
        {E::functional, "functional", "Functional", "ePrivacy Art. 5(3)"},
        {E::analytics, "analytics", "Analytics", "ePrivacy Art. 5(3)"},
        {E::marketing, "marketing", "Marketing", "ePrivacy Art. 5(3)"},
        {E::user_interface, "user-interface", "User interface", "ePrivacy Art. 5(3)"},
    }};
    static_assert(is_complete(entries, E::user_interface));
};

// What happens at the end of a retention period. `delete` is a C++ keyword, hence the trailing
// underscore; the register spells it `delete`.
enum class RetentionAction { delete_, anonymise };

template <>
struct Vocabulary<RetentionAction> {
    using E = RetentionAction;
    static constexpr std::array<VocabularyEntry<E>, 2> entries{{
        {E::delete_, "delete", "Deleted", "GDPR Art. 5(1)(e)"},
        {E::anonymise, "anonymise", "Anonymised", "GDPR Recital 26"},
    }};
    static_assert(is_complete(entries, E::anonymise));
};

// Art. 13(2)(e): whether providing the data is required, and by what.
enum class Requirement { statutory, contractual, contract_prerequisite, voluntary };

template <>
struct Vocabulary<Requirement> {
    using E = Requirement;
    static constexpr std::array<VocabularyEntry<E>, 4> entries{{
        {E::statutory, "statutory", "Statutory requirement", "GDPR Art. 13(2)(e)"},
        {E::contractual, "contractual", "Contractual requirement", "GDPR Art. 13(2)(e)"},
        {E::contract_prerequisite, "contract-prerequisite", "Requirement to enter into a contract",
         "GDPR Art. 13(2)(e)"},
        {E::voluntary, "voluntary", "Voluntary", "GDPR Art. 13(2)(e)"},
    }};
    static_assert(is_complete(entries, E::voluntary));
};

// The data-subject rights of Art. 15-21 that a request can exercise.
enum class Right { access, rectification, erasure, restriction, portability, objection };

template <>
struct Vocabulary<Right> {
    using E = Right;
    static constexpr std::array<VocabularyEntry<E>, 6> entries{{
        {E::access, "access", "Access", "GDPR Art. 15"},
        {E::rectification, "rectification", "Rectification", "GDPR Art. 16"},
        {E::erasure, "erasure", "Erasure", "GDPR Art. 17"},
        {E::restriction, "restriction", "Restriction of processing", "GDPR Art. 18"},
        {E::portability, "portability", "Data portability", "GDPR Art. 20"},
        {E::objection, "objection", "Objection", "GDPR Art. 21"},
    }};
    static_assert(is_complete(entries, E::objection));
};

// Art. 9(2)(a)-(j) conditions, written "9(2)(a)" ... "9(2)(j)" in the register.
const std::vector<std::string_view>& special_condition_names();

// ISO 3166-1 alpha-2 codes of the EEA (EU 27 + Iceland, Liechtenstein, Norway), and the EU
// territories that have a code of their own (Åland, the outermost regions).
bool is_eea_country(std::string_view code);
// Text that stands in for a reference without being one: `n/a`, `tbd`, `-`, `todo` (any case).
bool is_placeholder(std::string_view text);
// Syntactic check for an ISO 3166-1 alpha-2 code (two upper-case letters).
bool looks_like_country_code(std::string_view code);

}  // namespace gdprctl::model
