#include "report/notice.hpp"

#include "model/cookie_consent.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace gdprctl::report {
namespace {

std::vector<NoticeRight> rights() {
    using model::Right;
    auto right = [](Right r, std::string what) {
        return NoticeRight{std::string(model::label(r)), std::string(model::article_of(r)),
                           std::move(what)};
    };
    return {
        right(Right::access,
              "Ask whether we process personal data about you and get a copy of it, together with "
              "what we use it for, who receives it and how long we keep it."),
        right(Right::rectification, "Have inaccurate data about you corrected and incomplete data completed."),
        right(Right::erasure,
              "Have your data deleted, for example when we no longer need it, when you withdraw "
              "your consent or when you object, unless a law obliges us to keep it."),
        right(Right::restriction,
              "Have us only store your data, and not otherwise use it, while its accuracy or "
              "our use of it is being settled."),
        right(Right::portability,
              "Receive the data you gave us on the basis of consent or a contract in a "
              "structured, machine-readable format, or have it sent to another organisation."),
        right(Right::objection,
              "Object to our use of your data on the basis of legitimate interests or a public "
              "task; you can object to direct marketing at any time, without giving reasons."),
    };
}

bool recorded(const std::string& text) {
    return !text.empty() && !model::is_placeholder(text);
}

// What the notice may say about a purpose's basis: only what the register records. Where a
// statement the basis calls for is not supported, a warning takes its place.
std::string purpose_note(const model::System& system, const model::Purpose& purpose,
                         std::vector<std::string>& warnings) {
    if (!purpose.basis) return {};
    auto where = fmt::format("purpose \"{}\" of system \"{}\"", purpose.id, system.id);
    switch (*purpose.basis) {
        case model::LawfulBasis::legal_obligation:
            if (recorded(purpose.law)) return "Required by " + purpose.law;
            warnings.push_back(
                fmt::format("{} rests on a legal obligation, but the register names no law, so the "
                            "notice cannot say which (legal-obligation-without-law)",
                            where));
            return {};
        case model::LawfulBasis::legitimate_interests: {
            std::string note = recorded(purpose.interest) ? "Our legitimate interest: " + purpose.interest : "";
            if (!recorded(purpose.interest))
                warnings.push_back(
                    fmt::format("{} rests on legitimate interests, but the register does not state "
                                "the interest (field interest, GDPR Art. 13(1)(d))",
                                where));
            if (recorded(purpose.lia))
                note += (note.empty() ? "" : ". ") +
                        std::string("Our interests are weighed against yours in a documented assessment");
            else
                warnings.push_back(
                    fmt::format("{} rests on legitimate interests without a documented balancing "
                                "test, so the notice does not claim one "
                                "(legitimate-interests-without-lia)",
                                where));
            return note;
        }
        case model::LawfulBasis::consent:
            if (purpose.consent && recorded(purpose.consent->withdrawal))
                return "You can withdraw consent at any time, without affecting the lawfulness of processing before "
                       "the withdrawal: " +
                       humanise_keyword(purpose.consent->withdrawal);
            warnings.push_back(
                fmt::format("{} rests on consent, but the register records no way to withdraw it, so "
                            "the notice does not promise one (consent-without-withdrawal)",
                            where));
            return {};
        default:
            return {};
    }
}

std::string requirement_text(const model::Purpose& purpose) {
    if (!purpose.requirement) return {};
    std::string text;
    switch (purpose.requirement->kind) {
        case model::Requirement::statutory:
            text = "Required by law";
            break;
        case model::Requirement::contractual:
            text = "Required by our contract with you";
            break;
        case model::Requirement::contract_prerequisite:
            text = "Required to enter into a contract with us";
            break;
        case model::Requirement::voluntary:
            text = "Voluntary";
            break;
    }
    if (!purpose.requirement->consequence.empty())
        text += fmt::format("; if you do not provide it, {}", purpose.requirement->consequence);
    return text;
}

bool same_items(const std::vector<DataItem>& a, const std::vector<DataItem>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const DataItem& x, const DataItem& y) { return x.id == y.id; });
}

void add_data(std::vector<NoticeDataRow>& rows, const DataItem& item, const std::string& purpose) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& row) { return row.item.id == item.id; });
    if (it == rows.end()) {
        rows.push_back({item, {}});
        it = rows.end() - 1;
    }
    if (!purpose.empty() && std::find(it->purposes.begin(), it->purposes.end(), purpose) == it->purposes.end())
        it->purposes.push_back(purpose);
}

std::string public_description(const model::Purpose& purpose) {
    return purpose.description.find_first_not_of(" \t") == std::string::npos
               ? std::string("(purpose not yet described)")
               : purpose.description;
}

std::string cookie_purpose_text(const model::Register& reg, const model::Cookie& cookie) {
    if (!cookie.description.empty()) return cookie.description;
    if (const auto* purpose = model::cookie_purpose(reg, cookie)) return public_description(*purpose);
    return {};
}

}  // namespace

std::size_t NoticeRecord::flagged() const {
    auto n = std::count_if(retention.begin(), retention.end(), [](const auto& row) { return row.flagged; }) +
             std::count_if(third_parties.begin(), third_parties.end(), [](const auto& row) { return row.flagged; }) +
             std::count_if(cookies.begin(), cookies.end(), [](const auto& row) { return row.flagged; });
    return static_cast<std::size_t>(n) + (contact_email.empty() ? 1 : 0);
}

NoticeRecord build_notice(const model::Register& reg, time::Date as_of, std::size_t register_errors) {
    auto ropa = build_ropa(reg, as_of, register_errors);
    NoticeRecord notice;
    notice.as_of = as_of;
    notice.register_errors = register_errors;
    notice.controller = ropa.controller;
    notice.contact_email = !ropa.controller.email.empty()                               ? ropa.controller.email
                           : ropa.controller.dpo && !ropa.controller.dpo->email.empty() ? ropa.controller.dpo->email
                                                                                        : std::string{};
    for (std::size_t s = 0; s < reg.systems.size(); ++s) {
        const auto& system = ropa.systems[s];
        for (const auto& item : system.data) add_data(notice.data, item, {});
        for (std::size_t p = 0; p < system.purposes.size(); ++p) {
            auto purpose = system.purposes[p];
            // The notice never shows a purpose id in place of a description (Art. 12(1)); check
            // reports the gap as purpose-without-description.
            purpose.description = public_description(reg.systems[s].purposes[p]);
            for (const auto& item : purpose.data) add_data(notice.data, item, purpose.description);
            std::string basis = purpose.basis.empty()
                                    ? std::string{}
                                    : fmt::format("{} ({})", purpose.basis_label, purpose.basis_article);
            const auto& source = reg.systems[s].purposes[p];
            auto note = purpose_note(reg.systems[s], source, notice.warnings);
            if (source.basis == model::LawfulBasis::consent) {
                notice.any_consent = true;
                if (!source.consent || !recorded(source.consent->withdrawal)) notice.withdrawal_everywhere = false;
            }
            auto requirement = requirement_text(source);
            if (requirement.empty())
                notice.warnings.push_back(fmt::format(
                    "purpose \"{}\" of system \"{}\" does not record whether providing the data is required "
                    "(field requirement, GDPR Art. 13(2)(e))",
                    source.id, reg.systems[s].id));
            for (const auto& entry : purpose.retention) {
                NoticeRetentionRow row{purpose.description, entry.data,
                                       entry.missing ? std::string("undetermined") : entry.text,
                                       entry.undetermined || entry.missing};
                bool seen = std::any_of(notice.retention.begin(), notice.retention.end(), [&](const auto& other) {
                    return other.purpose == row.purpose && other.period == row.period &&
                           same_items(other.data, row.data);
                });
                if (!seen) notice.retention.push_back(std::move(row));
            }
            auto same = std::find_if(notice.purposes.begin(), notice.purposes.end(), [&](const auto& row) {
                return row.description == purpose.description && row.basis == basis;
            });
            if (same == notice.purposes.end()) {
                notice.purposes.push_back({purpose.description, purpose.data, basis, note, requirement});
            } else {
                for (const auto& item : purpose.data)
                    if (std::none_of(same->data.begin(), same->data.end(),
                                     [&](const DataItem& d) { return d.id == item.id; }))
                        same->data.push_back(item);
            }
        }
        if (const auto& automated = reg.systems[s].automated_decisions)
            notice.automated.push_back(
                {system.name, automated->logic, automated->consequences, automated->legal_effect});
        for (const auto& origin : system.sources) {
            auto it = std::find_if(notice.sources.begin(), notice.sources.end(),
                                   [&](const auto& row) { return row.source == origin; });
            if (it == notice.sources.end()) it = notice.sources.insert(notice.sources.end(), {origin, {}});
            for (const auto& item : system.data)
                if (std::none_of(it->data.begin(), it->data.end(), [&](const DataItem& d) { return d.id == item.id; }))
                    it->data.push_back(item);
        }
    }
    for (const auto& row : notice.retention)
        if (row.flagged)
            notice.warnings.push_back(
                fmt::format("the register records no time limit for {} ({}), so the notice "
                            "cannot say how long it is kept (GDPR Art. 13(2)(a))",
                            data_summary(row.data), row.purpose));
    for (const auto& r : ropa.recipients) {
        NoticeThirdPartyRow row;
        row.name = r.name;
        row.role = std::string(role_label(r.role));
        row.country = r.country.empty() ? std::string("not recorded") : r.country;
        row.safeguard = r.country.empty() ? std::string("not recorded")
                        : r.third_country ? r.safeguard
                                          : std::string("not needed (within the EEA)");
        row.flagged = r.country.empty() || !r.transfer_lawful;
        notice.third_country = notice.third_country || r.third_country;
        if (row.flagged)
            notice.warnings.push_back(
                fmt::format("recipient \"{}\" is {}, so the notice cannot name the safeguard for "
                            "the transfer (GDPR Art. 13(1)(f))",
                            r.id,
                            r.country.empty() ? std::string("recorded without a country")
                                              : fmt::format("in {} without a transfer ground", r.country)));
        notice.third_parties.push_back(std::move(row));
    }
    for (const auto& cookie : reg.cookies) {
        NoticeCookieRow row;
        row.name = cookie.name;
        if (cookie.provider == model::first_party_provider)
            row.provider = ropa.controller.recorded ? ropa.controller.name + " (first party)" : "first party";
        else if (const auto* recipient = reg.find_recipient(cookie.provider))
            row.provider = recipient->name;
        else
            row.provider = cookie.provider;
        row.category = cookie.category ? std::string(model::label(*cookie.category)) : std::string{};
        row.purpose = cookie_purpose_text(reg, cookie);
        row.expiry = cookie.session  ? std::string("session")
                     : cookie.expiry ? humanise_duration(*cookie.expiry)
                                     : std::string("not recorded");
        if (auto exemption = model::consent_exemption(reg, cookie)) {
            row.consent = fmt::format("not needed ({})", *exemption);
        } else if (model::set_without_consent(reg, cookie)) {
            row.consent = "not tied to consent in the register";
            row.flagged = true;
            notice.cookies_consented = false;
            notice.warnings.push_back(fmt::format(
                "cookie \"{}\" needs consent but is not tied to a consent-based purpose, so the notice does not say "
                "that cookies are only set with consent (cookie-without-consent)",
                cookie.name));
        } else {
            row.consent = "asked before it is set";
        }
        notice.cookies.push_back(std::move(row));
    }
    notice.rights = rights();
    if (notice.contact_email.empty())
        notice.warnings.push_back("the register records no e-mail address for requests (GDPR Art. 13(1)(a))");
    if (notice.any_consent && !notice.withdrawal_everywhere)
        notice.warnings.push_back(
            "not every consent-based purpose records how to withdraw, so the notice does not "
            "state that consent can be withdrawn at any time (GDPR Art. 7(3), 13(2)(c))");
    return notice;
}

std::string notice_exercise_text(const NoticeRecord& notice) {
    std::string where = notice.contact_email.empty()
                            ? std::string("Contact us (the register records no e-mail address for requests yet).")
                            : fmt::format("Send your request by e-mail to {}.", notice.contact_email);
    auto text = where +
                " We answer without undue delay and at the latest within one month of receiving it (GDPR Art. "
                "12(3)). Where a request is complex, or we receive many, we may extend that by two further months; "
                "if so, we tell you within the first month, with our reasons.";
    if (notice.any_consent && notice.withdrawal_everywhere)
        text +=
            " Where we rely on your consent, you can withdraw it at any time, as easily as you gave it, "
            "without affecting the lawfulness of processing based on consent before its withdrawal (GDPR Art. "
            "7(3), 13(2)(c)).";
    return text;
}

std::string notice_transfer_copy_text(const NoticeRecord& notice) {
    return fmt::format(
        "Where personal data goes outside the European Economic Area, the table names the adequacy "
        "decision or the safeguard that protects it. You can obtain a copy of the safeguards {} (GDPR "
        "Art. 13(1)(f)).",
        notice.contact_email.empty() ? std::string("from us") : fmt::format("by writing to {}", notice.contact_email));
}

std::string notice_complaint_text(const NoticeRecord& notice) {
    const auto& authority = notice.controller.supervisory_authority;
    return fmt::format("You have the right to lodge a complaint with a supervisory authority (GDPR Art. 77){}.",
                       authority.empty() ? std::string{} : fmt::format("; ours is {}", authority));
}

}  // namespace gdprctl::report
