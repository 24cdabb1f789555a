#include "report/notice.hpp"

#include "model/cookie_consent.hpp"
#include "model/transfer.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace gdprctl::report {
namespace {

// The provision model::consent_exemption found, in the notice's language. The exemption depends on
// the cookie's category alone (and on the country and party, which consent_exemption has checked).
Phrase exemption_phrase(model::CookieCategory category) {
    switch (category) {
        case model::CookieCategory::user_interface:
            return Phrase::exemption_user_interface;
        case model::CookieCategory::analytics:
            return Phrase::exemption_first_party_analytics;
        default:
            return Phrase::exemption_strictly_necessary;
    }
}

// "Processor", "Verwerker": the role a recipient entry records in its kebab-case spelling.
std::string role_text(Language lang, const std::string& role) {
    if (auto value = model::parse<model::RecipientRole>(role)) return std::string(label(lang, *value));
    return std::string(phrase(lang, Phrase::role_not_recorded));
}

std::vector<NoticeRight> rights(Language lang) {
    using model::Right;
    auto right = [lang](Right r, Phrase what) {
        return NoticeRight{std::string(label(lang, r)), cite_gdpr(lang, model::article_of(r)),
                           std::string(phrase(lang, what))};
    };
    return {
        right(Right::access, Phrase::right_access_what),
        right(Right::rectification, Phrase::right_rectification_what),
        right(Right::erasure, Phrase::right_erasure_what),
        right(Right::restriction, Phrase::right_restriction_what),
        right(Right::portability, Phrase::right_portability_what),
        right(Right::objection, Phrase::right_objection_what),
    };
}

bool recorded(const std::string& text) {
    return !text.empty() && !model::is_placeholder(text);
}

// What the notice may say about a purpose's basis: only what the register records. Where a
// statement the basis calls for is not supported, a warning takes its place.
std::string purpose_note(Language lang, const model::System& system, const model::Purpose& purpose,
                         std::vector<std::string>& warnings) {
    if (!purpose.basis) return {};
    auto where = say(lang, Phrase::warning_where, purpose.id, system.id);
    switch (*purpose.basis) {
        case model::LawfulBasis::legal_obligation:
            if (recorded(purpose.law)) return say(lang, Phrase::note_required_by, purpose.law);
            warnings.push_back(say(lang, Phrase::warning_no_law, where));
            return {};
        case model::LawfulBasis::legitimate_interests: {
            std::string note = recorded(purpose.interest) ? say(lang, Phrase::note_interest, purpose.interest) : "";
            if (!recorded(purpose.interest)) warnings.push_back(say(lang, Phrase::warning_no_interest, where));
            if (recorded(purpose.lia))
                note += (note.empty() ? "" : ". ") + std::string(phrase(lang, Phrase::note_interests_weighed));
            else
                warnings.push_back(say(lang, Phrase::warning_no_lia, where));
            return note;
        }
        case model::LawfulBasis::consent:
            if (purpose.consent && recorded(purpose.consent->withdrawal))
                return say(lang, Phrase::note_withdraw, humanise_keyword(purpose.consent->withdrawal));
            warnings.push_back(say(lang, Phrase::warning_no_withdrawal, where));
            return {};
        default:
            return {};
    }
}

std::string basis_text(Language lang, const model::Purpose& purpose) {
    return purpose.basis ? label_with_article(lang, *purpose.basis) : std::string{};
}

std::string requirement_text(Language lang, const model::Purpose& purpose) {
    if (!purpose.requirement) return {};
    Phrase kind = Phrase::requirement_voluntary;
    switch (purpose.requirement->kind) {
        case model::Requirement::statutory:
            kind = Phrase::requirement_statutory;
            break;
        case model::Requirement::contractual:
            kind = Phrase::requirement_contractual;
            break;
        case model::Requirement::contract_prerequisite:
            kind = Phrase::requirement_contract_prerequisite;
            break;
        case model::Requirement::voluntary:
            kind = Phrase::requirement_voluntary;
            break;
    }
    std::string text(phrase(lang, kind));
    if (!purpose.requirement->consequence.empty())
        text = say(lang, Phrase::requirement_consequence, text, purpose.requirement->consequence);
    return text;
}

// The safeguard for a recipient outside the EEA, as the notice names it (the record names it
// the same way in English: report/ropa_model.cpp).
std::string safeguard_text(Language lang, const model::Recipient& recipient) {
    auto transfer = model::assess_transfer(recipient);
    switch (transfer.ground) {
        case model::TransferGround::adequacy:
            return fmt::format("{}: {}", label_with_article(lang, model::TransferMechanism::adequacy),
                               adequacy_text(lang, *transfer.decision, recipient));
        case model::TransferGround::adequacy_not_covered:
            if (transfer.decision)
                return say(lang, Phrase::safeguard_scope_not_covered, adequacy_scope(lang, *transfer.decision));
            return std::string(phrase(lang, Phrase::safeguard_no_decision));
        case model::TransferGround::safeguard: {
            auto text = label_with_article(lang, *recipient.transfer);
            if (!recipient.tia.empty()) text = say(lang, Phrase::safeguard_tia, text, recipient.tia);
            return text;
        }
        case model::TransferGround::none:
            return std::string(phrase(lang, Phrase::safeguard_none_recorded));
        default:
            return recipient.transfer ? label_with_article(lang, *recipient.transfer) : "";
    }
}

// "First and last name; Health data (special category, Art. 9)", with the built-in names in the
// notice's language.
std::string data_text(Language lang, const std::vector<DataItem>& items) {
    if (lang == Language::en) return data_summary(items);
    std::vector<std::string> parts;
    for (const auto& item : items) {
        auto name = category_name(lang, item.id, item.name);
        if (item.data_class == model::DataClass::special)
            parts.push_back(fmt::format("{}, {}", name, phrase(lang, Phrase::kind_special)));
        else if (item.data_class == model::DataClass::criminal)
            parts.push_back(fmt::format("{}, {}", name, phrase(lang, Phrase::kind_criminal)));
        else
            parts.push_back(std::move(name));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

void localise(Language lang, std::vector<DataItem>& items) {
    for (auto& item : items) item.name = category_name(lang, item.id, item.name);
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

std::string public_description(Language lang, const model::Purpose& purpose) {
    return purpose.description.find_first_not_of(" \t") == std::string::npos
               ? std::string(phrase(lang, Phrase::purpose_not_described))
               : purpose.description;
}

std::string cookie_purpose_text(Language lang, const model::Register& reg, const model::Cookie& cookie) {
    if (!cookie.description.empty()) return cookie.description;
    if (const auto* purpose = model::cookie_purpose(reg, cookie)) return public_description(lang, *purpose);
    return {};
}

}  // namespace

std::size_t NoticeRecord::flagged() const {
    auto n = std::count_if(retention.begin(), retention.end(), [](const auto& row) { return row.flagged; }) +
             std::count_if(third_parties.begin(), third_parties.end(), [](const auto& row) { return row.flagged; }) +
             std::count_if(cookies.begin(), cookies.end(), [](const auto& row) { return row.flagged; });
    return static_cast<std::size_t>(n) + (contact_email.empty() ? 1 : 0);
}

NoticeRecord build_notice(const model::Register& reg, time::Date as_of, std::size_t register_errors, Language lang) {
    auto ropa = build_ropa(reg, as_of, register_errors);
    NoticeRecord notice;
    notice.language = lang;
    notice.as_of = as_of;
    notice.register_errors = register_errors;
    notice.controller = ropa.controller;
    notice.contact_email = !ropa.controller.email.empty()                               ? ropa.controller.email
                           : ropa.controller.dpo && !ropa.controller.dpo->email.empty() ? ropa.controller.dpo->email
                                                                                        : std::string{};
    for (std::size_t s = 0; s < reg.systems.size(); ++s) {
        auto system = ropa.systems[s];
        localise(lang, system.data);
        for (const auto& item : system.data) add_data(notice.data, item, {});
        for (std::size_t p = 0; p < system.purposes.size(); ++p) {
            auto purpose = system.purposes[p];
            localise(lang, purpose.data);
            const auto& source = reg.systems[s].purposes[p];
            // The notice never shows a purpose id in place of a description (Art. 12(1)); check
            // reports the gap as purpose-without-description.
            purpose.description = public_description(lang, source);
            for (const auto& item : purpose.data) add_data(notice.data, item, purpose.description);
            auto basis = basis_text(lang, source);
            auto note = purpose_note(lang, reg.systems[s], source, notice.warnings);
            if (source.basis == model::LawfulBasis::consent) {
                notice.any_consent = true;
                if (!source.consent || !recorded(source.consent->withdrawal)) notice.withdrawal_everywhere = false;
            }
            auto requirement = requirement_text(lang, source);
            if (requirement.empty())
                notice.warnings.push_back(say(lang, Phrase::warning_no_requirement,
                                              say(lang, Phrase::warning_where, source.id, reg.systems[s].id)));
            for (auto entry : purpose.retention) {
                localise(lang, entry.data);
                bool gap = entry.undetermined || entry.missing;
                NoticeRetentionRow row{
                    purpose.description, entry.data,
                    entry.rule ? retention_text(lang, *entry.rule) : std::string(phrase(lang, Phrase::undetermined)),
                    gap};
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
            notice.warnings.push_back(say(lang, Phrase::warning_no_time_limit, data_text(lang, row.data), row.purpose));
    for (const auto& r : ropa.recipients) {
        NoticeThirdPartyRow row;
        row.name = r.name;
        row.role = role_text(lang, r.role);
        const auto* recipient = reg.find_recipient(r.id);
        row.country = r.country.empty() ? std::string(phrase(lang, Phrase::not_recorded)) : r.country;
        row.safeguard = r.country.empty()  ? std::string(phrase(lang, Phrase::not_recorded))
                        : !r.third_country ? std::string(phrase(lang, Phrase::safeguard_within_eea))
                        : recipient        ? safeguard_text(lang, *recipient)
                                           : r.safeguard;
        row.flagged = r.country.empty() || !r.transfer_lawful;
        notice.third_country = notice.third_country || r.third_country;
        if (row.flagged)
            notice.warnings.push_back(r.country.empty()
                                          ? say(lang, Phrase::warning_recipient_no_country, r.id)
                                          : say(lang, Phrase::warning_recipient_no_ground, r.id, r.country));
        notice.third_parties.push_back(std::move(row));
    }
    for (const auto& cookie : reg.cookies) {
        NoticeCookieRow row;
        row.name = cookie.name;
        if (cookie.provider == model::first_party_provider)
            row.provider = ropa.controller.recorded ? say(lang, Phrase::first_party_of, ropa.controller.name)
                                                    : std::string(phrase(lang, Phrase::first_party));
        else if (const auto* recipient = reg.find_recipient(cookie.provider))
            row.provider = recipient->name;
        else
            row.provider = cookie.provider;
        row.category = cookie.category ? std::string(label(lang, *cookie.category)) : std::string{};
        row.purpose = cookie_purpose_text(lang, reg, cookie);
        row.expiry = cookie.session  ? std::string(phrase(lang, Phrase::session))
                     : cookie.expiry ? duration_text(lang, *cookie.expiry)
                                     : std::string(phrase(lang, Phrase::not_recorded));
        if (model::consent_exemption(reg, cookie)) {
            row.consent = say(lang, Phrase::consent_not_needed, phrase(lang, exemption_phrase(*cookie.category)));
        } else if (model::set_without_consent(reg, cookie)) {
            row.consent = std::string(phrase(lang, Phrase::consent_not_tied));
            row.flagged = true;
            notice.cookies_consented = false;
            notice.warnings.push_back(say(lang, Phrase::warning_cookie, cookie.name));
        } else {
            row.consent = std::string(phrase(lang, Phrase::consent_asked));
        }
        notice.cookies.push_back(std::move(row));
    }
    notice.rights = rights(lang);
    if (notice.contact_email.empty()) notice.warnings.push_back(std::string(phrase(lang, Phrase::warning_no_email)));
    if (notice.any_consent && !notice.withdrawal_everywhere)
        notice.warnings.push_back(std::string(phrase(lang, Phrase::warning_withdrawal_not_everywhere)));
    return notice;
}

std::string notice_exercise_text(const NoticeRecord& notice) {
    auto lang = notice.language;
    std::string text = notice.contact_email.empty() ? std::string(phrase(lang, Phrase::exercise_no_email))
                                                    : say(lang, Phrase::exercise_email, notice.contact_email);
    text += ' ';
    text += phrase(lang, Phrase::exercise_answer);
    if (notice.any_consent && notice.withdrawal_everywhere) {
        text += ' ';
        text += phrase(lang, Phrase::exercise_withdraw);
    }
    return text;
}

std::string notice_transfer_copy_text(const NoticeRecord& notice) {
    auto lang = notice.language;
    return say(lang, Phrase::transfer_copy,
               notice.contact_email.empty() ? std::string(phrase(lang, Phrase::transfer_copy_from_us))
                                            : say(lang, Phrase::transfer_copy_by_writing, notice.contact_email));
}

std::vector<std::pair<Phrase, std::string>> notice_controller_rows(const ControllerBlock& c) {
    std::vector<std::pair<Phrase, std::string>> rows{{Phrase::label_controller, c.name},
                                                     {Phrase::label_registration, c.registration},
                                                     {Phrase::label_address, c.address},
                                                     {Phrase::label_email, c.email},
                                                     {Phrase::label_phone, c.phone}};
    if (c.responsible_person) rows.emplace_back(Phrase::label_responsible, c.responsible_person->summary());
    if (c.dpo) rows.emplace_back(Phrase::label_dpo, c.dpo->summary());
    if (c.representative) rows.emplace_back(Phrase::label_representative, c.representative->summary());
    std::erase_if(rows, [](const auto& row) { return row.second.empty(); });
    return rows;
}

std::string notice_complaint_text(const NoticeRecord& notice) {
    auto lang = notice.language;
    const auto& authority = notice.controller.supervisory_authority;
    return say(lang, Phrase::complaint,
               authority.empty() ? std::string{} : say(lang, Phrase::complaint_authority, authority));
}

}  // namespace gdprctl::report
