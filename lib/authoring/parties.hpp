#pragma once

#include "authoring/systems.hpp"

#include <filesystem>
#include <string>
#include <vector>

// Recipients and cookies. New entries go to recipients.yaml and cookies.yaml at the workspace root
// (created on first use): one reviewable file each, appended to in place. Entries kept in other
// files are found wherever they are and edited there.
namespace gdprctl::authoring {

inline constexpr const char* recipients_file = "recipients.yaml";
inline constexpr const char* cookies_file = "cookies.yaml";

std::vector<std::string> missing_recipient_fields(const RecipientFlags& flags);
// Checks the flags' values; UsageError with the allowed values or a did-you-mean.
void validate_recipient_flags(const RecipientFlags& flags);
// The entry of a recipient as it is written under `recipients:` (validated flags).
std::string recipient_entry(const RecipientFlags& flags);
WriteOutcome add_recipient(const std::filesystem::path& root, const RecipientFlags& flags, time::Date today,
                           bool force);
// Refuses (Refusal) while a system or a cookie names the recipient. Returns the file changed.
std::string remove_recipient(const std::filesystem::path& root, const std::string& id);

struct CookieFlags {
    std::string name, provider, category, expiry, system, purpose, description;
};
std::vector<std::string> missing_cookie_fields(const CookieFlags& flags);
void validate_cookie_flags(const CookieFlags& flags);
WriteOutcome add_cookie(const std::filesystem::path& root, const CookieFlags& flags, time::Date today, bool force);
std::string remove_cookie(const std::filesystem::path& root, const std::string& name);

// The recipient `id`, or UsageError with a did-you-mean.
const model::Recipient& require_recipient(const model::Register& reg, const std::string& id);

// `recipient show`: the register and the recipient `id` in it; UsageError with a did-you-mean.
struct ShownRecipient {
    model::Register reg;
    const model::Recipient* recipient = nullptr;
};
ShownRecipient show_recipient(const std::filesystem::path& root, const std::string& id);

}  // namespace gdprctl::authoring
