#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gdprctl::model {

// The six lawful bases of GDPR Art. 6(1)(a)-(f), and nothing else.
enum class LawfulBasis { consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests };

enum class RecipientRole { processor, controller, joint_controller, authority };

// Art. 45 adequacy, Art. 46 SCCs, Art. 47 BCRs, Art. 49 derogations.
enum class TransferMechanism { adequacy, scc, bcr, derogation };

// user_interface: a choice the visitor made, such as the language (WP29 Opinion 04/2012, 3.6).
enum class CookieCategory { strictly_necessary, functional, analytics, marketing, user_interface };

enum class RetentionAction { erase, anonymise };

// Art. 13(2)(e): whether providing the data is required, and by what.
enum class Requirement { statutory, contractual, contract_prerequisite, voluntary };

// Spellings as they appear in the register files (kebab-case).
std::string_view to_string(LawfulBasis value);
std::string_view to_string(RecipientRole value);
std::string_view to_string(TransferMechanism value);
std::string_view to_string(CookieCategory value);
std::string_view to_string(RetentionAction value);
std::string_view to_string(Requirement value);

std::optional<LawfulBasis> parse_lawful_basis(std::string_view text);
std::optional<RecipientRole> parse_recipient_role(std::string_view text);
std::optional<TransferMechanism> parse_transfer_mechanism(std::string_view text);
std::optional<CookieCategory> parse_cookie_category(std::string_view text);
std::optional<RetentionAction> parse_retention_action(std::string_view text);
std::optional<Requirement> parse_requirement(std::string_view text);

const std::vector<std::string_view>& lawful_basis_names();
const std::vector<std::string_view>& recipient_role_names();
const std::vector<std::string_view>& transfer_mechanism_names();
const std::vector<std::string_view>& cookie_category_names();
const std::vector<std::string_view>& retention_action_names();
const std::vector<std::string_view>& requirement_names();

// The article each basis rests on, e.g. "GDPR Art. 6(1)(a)".
std::string_view article_of(LawfulBasis value);

// Art. 9(2)(a)-(j) conditions, written "9(2)(a)" ... "9(2)(j)" in the register.
const std::vector<std::string_view>& special_condition_names();

// The data-subject rights of Art. 15-21 that a request can exercise.
enum class Right { access, rectification, erasure, restriction, portability, objection };
std::string_view to_string(Right value);
std::optional<Right> parse_right(std::string_view text);
const std::vector<std::string_view>& right_names();
std::string_view article_of(Right value);

// ISO 3166-1 alpha-2 codes of the EEA (EU 27 + Iceland, Liechtenstein, Norway), and the EU
// territories that have a code of their own (Åland, the outermost regions).
bool is_eea_country(std::string_view code);
// Text that stands in for a reference without being one: `n/a`, `tbd`, `-`, `todo` (any case).
bool is_placeholder(std::string_view text);
// Syntactic check for an ISO 3166-1 alpha-2 code (two upper-case letters).
bool looks_like_country_code(std::string_view code);

}  // namespace gdprctl::model
