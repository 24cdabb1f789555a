#pragma once

#include "model/register.hpp"
#include "report/notice_text.hpp"
#include "report/ropa_model.hpp"
#include "time/date.hpp"

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

// The tables of the public privacy notice (Art. 13/14), generated from the register so that the
// published notice cannot drift from what the register records.
namespace gdprctl::report {

struct NoticeDataRow {
    DataItem item;
    std::vector<std::string> purposes;  // descriptions of the purposes that use it
};

struct NoticePurposeRow {
    std::string description;
    std::vector<DataItem> data;
    std::string basis;  // "Legitimate interests (GDPR Art. 6(1)(f))"; empty when not recorded
    // The law, the interest and its assessment, or how to withdraw consent: only what the
    // register supports (an unsupported statement becomes a warning instead).
    std::string note;
    std::string requirement;  // Art. 13(2)(e), in words; empty when not recorded
};

// Art. 13(2)(f): a system that decides automatically.
struct NoticeAutomatedRow {
    std::string system;
    std::string logic;
    std::string consequences;
    bool legal_effect = false;
};

// Art. 14(2)(f): where data not obtained from the person comes from.
struct NoticeSourceRow {
    std::string source;
    std::vector<DataItem> data;
};

struct NoticeRetentionRow {
    std::string purpose;  // the purpose the period serves
    std::vector<DataItem> data;
    std::string period;    // "2 years after end of contract", "undetermined"
    bool flagged = false;  // undetermined or no time limit recorded: a gap to close before publishing
};

struct NoticeThirdPartyRow {
    std::string name;
    std::string role;
    std::string country;
    std::string safeguard;
    bool flagged = false;  // outside the EEA without a recorded safeguard
};

struct NoticeCookieRow {
    std::string name;
    std::string provider;
    std::string category;  // "Analytics"
    std::string purpose;
    std::string expiry;    // "2 years", "session"
    std::string consent;   // "asked before it is set", "not needed (<provision>)", "not tied to consent"
    bool flagged = false;  // needs consent and is not tied to a consent purpose
};

struct NoticeRight {
    std::string name;     // "Access"
    std::string article;  // "GDPR Art. 15"
    std::string what;     // one sentence in plain words
};

struct NoticeRecord {
    Language language = Language::en;  // every word the notice prints is in this language
    time::Date as_of;
    std::size_t register_errors = 0;
    ControllerBlock controller;
    std::vector<NoticeDataRow> data;
    std::vector<NoticePurposeRow> purposes;
    std::vector<NoticeRetentionRow> retention;
    std::vector<NoticeThirdPartyRow> third_parties;
    std::vector<NoticeCookieRow> cookies;
    std::vector<NoticeRight> rights;
    std::vector<NoticeAutomatedRow> automated;
    std::vector<NoticeSourceRow> sources;
    std::string contact_email;          // where requests go: the organisation's, else the DPO's
    bool any_consent = false;           // some purpose rests on consent
    bool withdrawal_everywhere = true;  // every consent purpose names how to withdraw
    bool cookies_consented = true;      // every cookie that needs consent is tied to a consent purpose
    bool third_country = false;         // some recipient is outside the EEA
    // What the register contradicts or leaves open, so that the notice does not state it: shown as
    // warnings (md, html), a `warnings` array (json), and exit 1 under `report notice --strict`.
    std::vector<std::string> warnings;
    std::size_t flagged() const;
};

NoticeRecord build_notice(const model::Register& reg, time::Date as_of, std::size_t register_errors,
                          Language language = Language::en);

// Prose shared by both formats: how to exercise a right, and where to complain.
std::string notice_exercise_text(const NoticeRecord& notice);
std::string notice_complaint_text(const NoticeRecord& notice);
std::string notice_transfer_copy_text(const NoticeRecord& notice);
// "Who we are" (Art. 13(1)(a), (b)): the controller's details that are recorded, each with its label.
std::vector<std::pair<Phrase, std::string>> notice_controller_rows(
    const ControllerBlock& controller);  // Art. 13(1)(f): how to get a copy

}  // namespace gdprctl::report
