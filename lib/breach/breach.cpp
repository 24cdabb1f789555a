#include "breach/breach.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "store/change_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace gdprctl::breach {
namespace {

using store::Breach;
using store::BreachNotification;
using store::NotificationAudience;

constexpr std::string_view natures[] = {"confidentiality", "integrity", "availability"};

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        auto item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) items.push_back(item);
        start = comma + 1;
    }
    return items;
}

time::DateTime parse_time_option(const std::string& text, const std::string& option, const time::Zone& zone) {
    auto parsed = time::parse_instant(text, zone);
    if (!parsed)
        throw UsageError(fmt::format("{} `{}` is not an ISO 8601 date-time", option, text),
                         fmt::format("write e.g. {} 2026-03-28T12:00 (read in settings.timezone `{}`) or with an "
                                     "offset, {} 2026-03-28T11:00Z",
                                     option, zone.name(), option));
    return *parsed;
}

Breach require_breach(store::StoreReader& reader, const std::string& id) {
    if (auto found = reader.find_breach(id)) return *found;
    throw UsageError(fmt::format("no breach `{}` in the store", id), "run `gdprctl breach list` to see the breach ids");
}

void require_open(const Breach& breach, std::string_view doing) {
    if (breach.status == store::BreachStatus::closed)
        throw Refusal(fmt::format("breach {} is closed; it cannot be {}", breach.id, doing));
}

// The value of an option spelled as in the enum's vocabulary table; UsageError with did-you-mean.
template <typename Enum>
Enum parse_choice(const std::string& text, const std::string& option) {
    if (auto value = store::parse<Enum>(text)) return *value;
    const auto& names = store::names<Enum>();
    auto hint = diag::did_you_mean(text, names);
    throw UsageError(fmt::format("{} `{}` is not {}", option, text, diag::one_of(names)), hint);
}

std::string hours_text(std::int64_t seconds) {
    return fmt::format("{:.1f} h", static_cast<double>(seconds) / 3600.0);
}

}  // namespace

time::DateTime notification_deadline(time::DateTime aware_at) {
    return time::DateTime{aware_at.time_point() + std::chrono::hours{72}};
}

Required required_notifications(const Breach& breach) {
    Required required;
    if (!breach.risk) return required;
    required.authority = *breach.risk != store::BreachRisk::none;
    if (*breach.risk == store::BreachRisk::high) {
        required.subjects = !breach.exemption;
        required.public_communication = breach.exemption == store::BreachExemption::disproportionate;
    }
    return required;
}

Breach open_breach(store::Store& store, const model::Register& reg, const OpenOptions& options, const time::Zone& zone,
                   const store::ChangeStamp& stamp) {
    if (options.summary.empty())
        throw UsageError("a breach needs --summary", "say in a sentence what happened, without personal data");
    Breach breach;
    breach.summary = options.summary;
    breach.aware_at = parse_time_option(options.aware_at, "--aware-at", zone);
    store::require_fact_not_after(breach.aware_at, stamp, "--aware-at");
    if (!options.occurred_at.empty()) {
        breach.occurred_at = parse_time_option(options.occurred_at, "--occurred-at", zone);
        if (*breach.occurred_at > breach.aware_at)
            throw UsageError(fmt::format("--occurred-at {} is after --aware-at {}", breach.occurred_at->to_string(),
                                         breach.aware_at.to_string()),
                             "a breach is noticed after it happens; check both times and their offsets");
    }
    breach.nature = split_list(options.nature);
    const std::vector<std::string_view> nature_names(std::begin(natures), std::end(natures));
    for (const auto& item : breach.nature)
        if (std::find(std::begin(natures), std::end(natures), item) == std::end(natures))
            throw UsageError(fmt::format("--nature `{}` is not {}", item, diag::one_of(nature_names)),
                             diag::did_you_mean(item, nature_names));
    breach.data = split_list(options.data);
    for (const auto& category : breach.data)
        if (!reg.taxonomy.find(category)) {
            throw UsageError(fmt::format("--data `{}` is not a data category of the taxonomy", category),
                             "run `gdprctl register list` or see docs/register-format.md for the categories");
        }
    breach.systems = split_list(options.systems);
    for (const auto& system : breach.systems)
        if (!reg.find_system(system)) {
            std::vector<std::string_view> ids;
            for (const auto& s : reg.systems) ids.push_back(s.id);
            auto hint = diag::did_you_mean(system, ids);
            throw UsageError(fmt::format("--systems `{}` is not a system of the register", system),
                             hint.empty() ? "run `gdprctl register list` for the system ids" : hint);
        }
    for (auto approx : {options.subjects_approx, options.records_approx})
        if (approx && *approx < 0) throw UsageError("an approximate number cannot be negative");
    breach.subjects_approx = options.subjects_approx;
    breach.records_approx = options.records_approx;
    breach.deadline = notification_deadline(breach.aware_at);
    breach.opened_at = stamp.at;
    breach.opened_by = stamp.actor;
    breach.year = breach.aware_at.date().year();
    store.write(stamp, [&](store::StoreWriter& writer) {
        breach.number = writer.next_breach_number(breach.year);
        breach.id = fmt::format("BR-{:04}-{:04}", breach.year, breach.number);
        writer.insert_breach(breach);
        writer.append_audit({"breach.open", breach.id,
                             fmt::format("aware {}; deadline {}", breach.aware_at.to_string(),
                                         breach.deadline.to_string())});
    });
    return breach;
}

Breach assess_breach(store::Store& store, const AssessOptions& options, const store::ChangeStamp& stamp) {
    const auto risk = parse_choice<store::BreachRisk>(options.risk, "--risk");
    std::optional<store::BreachExemption> exemption;
    if (!options.exemption.empty()) {
        exemption = parse_choice<store::BreachExemption>(options.exemption, "--exemption");
        if (risk != store::BreachRisk::high)
            throw UsageError("--exemption is an Art. 34(3) ground for not informing the people affected; it applies "
                             "only with --risk high");
    }
    if (options.consequences.empty() || options.measures.empty())
        throw UsageError("an assessment needs --consequences and --measures",
                         "Art. 33(3)(c), (d) and 33(5): the likely consequences and the measures taken or proposed");
    Breach breach;
    store.write(stamp, [&](store::StoreWriter& writer) {
        breach = require_breach(writer, options.id);
        require_open(breach, "assessed");
        store::require_not_before(stamp.at, breach.aware_at, fmt::format("the assessment of {}", breach.id),
                                  "the organisation became aware of it");
        breach.risk = risk;
        breach.exemption = exemption;
        breach.consequences = options.consequences;
        breach.measures = options.measures;
        breach.assessed_at = stamp.at;
        writer.update_breach(breach);
        writer.append_audit({"breach.assess", breach.id,
                             fmt::format("risk {}{}", to_string(risk),
                                         exemption ? fmt::format("; Art. 34(3) {}", to_string(*exemption)) : "")});
    });
    return breach;
}

BreachNotification notify_breach(store::Store& store, const NotifyOptions& options, const time::Zone& zone,
                                 const store::ChangeStamp& stamp) {
    const int chosen = int(options.authority) + int(options.subjects) + int(options.public_communication);
    if (chosen != 1)
        throw UsageError("say who was notified: exactly one of --authority, --subjects or --public",
                         "record each filing separately, e.g. `gdprctl breach notify BR-2026-0001 --authority`");
    BreachNotification notification;
    notification.breach_id = options.id;
    notification.audience = options.authority  ? NotificationAudience::authority
                            : options.subjects ? NotificationAudience::subjects
                                               : NotificationAudience::public_communication;
    notification.at = options.at.empty() ? stamp.at : parse_time_option(options.at, "--at", zone);
    store::require_fact_not_after(notification.at, stamp, "--at");
    notification.reference = options.reference;
    notification.delay_reason = options.delay_reason;
    notification.recorded_at = stamp.recorded_at;
    notification.recorded_by = stamp.actor;
    store.write(stamp, [&](store::StoreWriter& writer) {
        const auto breach = require_breach(writer, options.id);
        require_open(breach, "notified");
        if (notification.at < breach.aware_at)
            throw UsageError(fmt::format("--at {} is before the breach became known ({})", notification.at.to_string(),
                                         breach.aware_at.to_string()));
        const auto earlier = writer.notifications_of(breach.id);
        const bool first_to_audience = std::none_of(earlier.begin(), earlier.end(), [&](const BreachNotification& n) {
            return n.audience == notification.audience;
        });
        if (options.phase.empty())
            notification.phase = first_to_audience ? store::NotificationPhase::initial : store::NotificationPhase::additional;
        else
            notification.phase = parse_choice<store::NotificationPhase>(options.phase, "--phase");
        if (notification.phase == store::NotificationPhase::initial && !first_to_audience)
            throw Refusal(fmt::format("breach {} already has an initial {} notification", breach.id,
                                      to_string(notification.audience)),
                          "later filings are --phase additional or final (Art. 33(4))");
        if (notification.audience == NotificationAudience::authority && first_to_audience &&
            notification.at > breach.deadline && notification.delay_reason.empty())
            throw Refusal(fmt::format("the authority is notified {} after the 72-hour deadline ({}) without a reason "
                                      "for the delay",
                                      hours_text(notification.at.epoch_seconds() - breach.deadline.epoch_seconds()),
                                      breach.deadline.to_string()),
                          "Art. 33(1): a late notification states the reasons for the delay; pass --delay-reason TEXT");
        // The 72 hours are checked against the real time as well: a first filing dated on time
        // (--at, --as-of) but recorded after the deadline is the evidence of timeliness, so it is
        // recorded only with the reason it comes late, as a backdated change is (Art. 5(2)).
        if (notification.audience == NotificationAudience::authority && first_to_audience &&
            notification.at <= breach.deadline && stamp.recorded_at > breach.deadline) {
            if (stamp.backdate_reason.empty())
                throw Refusal(fmt::format("the authority notification is dated {}, before the 72-hour deadline ({}), "
                                          "but recorded {} after it",
                                          notification.at.to_string(), breach.deadline.to_string(),
                                          hours_text(stamp.recorded_at.epoch_seconds() -
                                                     breach.deadline.epoch_seconds())),
                              "pass --backdate \"why it is recorded only now\" (kept with both times), or "
                              "--delay-reason if it was in fact filed late");
            store::require_reason(stamp.backdate_reason, "--backdate", "why the filing is recorded after the deadline");
            notification.backdate_reason = stamp.backdate_reason;
        }
        notification.seq = static_cast<int>(earlier.size()) + 1;
        writer.insert_breach_notification(notification);
        writer.append_audit({"breach.notify", breach.id,
                             fmt::format("{} {} at {}{}{}", to_string(notification.audience), to_string(notification.phase),
                                         notification.at.to_string(),
                                         notification.delay_reason.empty() ? "" : "; delay reason given",
                                         notification.backdate_reason.empty()
                                             ? ""
                                             : "; recorded after the deadline: " + notification.backdate_reason)});
    });
    return notification;
}

std::vector<std::string> missing_notifications(const BreachDetail& detail) {
    std::vector<std::string> missing;
    if (!detail.breach.risk) {
        missing.push_back("the risk assessment (`breach assess`; Art. 33(5) documents every breach)");
        return missing;
    }
    const auto required = required_notifications(detail.breach);
    auto has = [&](NotificationAudience audience) {
        return std::any_of(detail.notifications.begin(), detail.notifications.end(),
                           [&](const BreachNotification& n) { return n.audience == audience; });
    };
    if (required.authority && !has(NotificationAudience::authority))
        missing.push_back("the notification of the supervisory authority (Art. 33(1))");
    if (required.subjects && !has(NotificationAudience::subjects))
        missing.push_back("informing the people affected (Art. 34(1))");
    if (required.public_communication && !has(NotificationAudience::public_communication))
        missing.push_back("the public communication that replaces informing each person (Art. 34(3)(c))");
    return missing;
}

Breach close_breach(store::Store& store, const std::string& id, const store::ChangeStamp& stamp) {
    Breach breach;
    store.write(stamp, [&](store::StoreWriter& writer) {
        BreachDetail detail;
        detail.breach = require_breach(writer, id);
        require_open(detail.breach, "closed again");
        detail.notifications = writer.notifications_of(id);
        const auto missing = missing_notifications(detail);
        if (!missing.empty())
            throw Refusal(fmt::format("breach {} cannot be closed: missing {}", id, fmt::join(missing, "; ")),
                          fmt::format("record it with `gdprctl breach {} {}` first",
                                      detail.breach.risk ? "notify" : "assess", id));
        auto latest = detail.breach.assessed_at.value_or(detail.breach.aware_at);
        for (const auto& n : detail.notifications) latest = std::max(latest, n.at);
        store::require_not_before(stamp.at, latest, fmt::format("closing {}", id), "its latest assessment or filing");
        breach = detail.breach;
        breach.status = store::BreachStatus::closed;
        breach.closed_at = stamp.at;
        writer.update_breach(breach);
        writer.append_audit({"breach.close", id, ""});
    });
    return breach;
}

BreachDetail show_breach(store::Store& store, const std::string& id) {
    BreachDetail detail;
    store.read([&](store::StoreReader& reader) {
        detail.breach = require_breach(reader, id);
        detail.notifications = reader.notifications_of(id);
        detail.events = reader.audit_events_for(id);
    });
    return detail;
}

const BreachNotification* first_authority_notification(const BreachDetail& detail) {
    const BreachNotification* first = nullptr;
    for (const auto& n : detail.notifications)
        if (n.audience == NotificationAudience::authority && (!first || n.at < first->at)) first = &n;
    return first;
}

bool is_late(const BreachDetail& detail, time::DateTime now) {
    const auto& b = detail.breach;
    // Not yet assessed counts as possibly notifiable: the clock runs from awareness regardless.
    if (b.risk == store::BreachRisk::none) return false;
    if (const auto* first = first_authority_notification(detail)) return first->at > b.deadline;
    return now > b.deadline;
}

std::int64_t parse_hours_window(const std::string& text, const std::string& option) {
    if (auto duration = time::parse_duration(text); duration && duration->total_months() == 0)
        return duration->days * 86400LL + duration->seconds;
    std::string_view digits = text;
    std::int64_t factor = 3600;
    if (!digits.empty() && (digits.back() == 'h' || digits.back() == 'd')) {
        factor = digits.back() == 'd' ? 86400 : 3600;
        digits.remove_suffix(1);
    }
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || value < 0 || value > 100000)
        throw UsageError(fmt::format("{} `{}` is not a number of hours", option, text),
                         fmt::format("write e.g. {} 24h, {} 2d or {} PT36H", option, option, option));
    return value * factor;
}

void list_breaches(store::Store& store, const ListOptions& options, time::DateTime now,
                   const std::function<void(const BreachDetail&)>& visit) {
    std::optional<std::int64_t> window;
    if (!options.due_within.empty()) window = parse_hours_window(options.due_within, "--due-within");
    store.read([&](store::StoreReader& reader) {
        for (auto& breach : reader.breaches()) {
            if (options.open && breach.status != store::BreachStatus::open) continue;
            BreachDetail detail;
            detail.notifications = reader.notifications_of(breach.id);
            detail.breach = std::move(breach);
            if (options.late && !is_late(detail, now)) continue;
            if (window) {
                const bool pending = detail.breach.status == store::BreachStatus::open &&
                                     detail.breach.risk != store::BreachRisk::none &&
                                     !first_authority_notification(detail);
                const auto left = detail.breach.deadline.epoch_seconds() - now.epoch_seconds();
                if (!pending || left < 0 || left > *window) continue;
            }
            visit(detail);
        }
    });
}

}  // namespace gdprctl::breach
