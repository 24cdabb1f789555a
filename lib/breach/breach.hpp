#pragma once

#include "model/register.hpp"
#include "store/store.hpp"
#include "time/zone.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

// The breach register (Art. 33, 34; EDPB Guidelines 9/2022): the 72-hour clock from awareness,
// the risk assessment, phased notifications and the Art. 33(3) notification draft.
namespace gdprctl::breach {

// 72 clock hours after awareness (Art. 33(1)); hours, not working days, whatever the time zone.
time::DateTime notification_deadline(time::DateTime aware_at);

// What the assessment requires before a breach may be closed.
struct Required {
    bool authority = false;  // Art. 33(1): unless unlikely to result in a risk
    bool subjects = false;   // Art. 34(1): high risk, unless an Art. 34(3) ground
    bool public_communication = false;  // Art. 34(3)(c): instead of telling each person
};
Required required_notifications(const store::Breach& breach);

struct OpenOptions {
    std::string summary;
    std::string aware_at;
    std::string occurred_at;
    std::string nature;   // comma-separated
    std::string data;     // comma-separated categories
    std::string systems;  // comma-separated system ids
    std::optional<std::int64_t> subjects_approx;
    std::optional<std::int64_t> records_approx;
};

store::Breach open_breach(store::Store& store, const model::Register& reg, const OpenOptions& options,
                          const time::Zone& zone, const store::ChangeStamp& stamp);

struct AssessOptions {
    std::string id;
    std::string risk;
    std::string consequences;
    std::string measures;
    std::string exemption;
};

store::Breach assess_breach(store::Store& store, const AssessOptions& options, const store::ChangeStamp& stamp);

struct NotifyOptions {
    std::string id;
    bool authority = false;
    bool subjects = false;
    bool public_communication = false;
    std::string at;
    std::string reference;
    std::string phase;  // default: initial for the first filing to that audience, else additional
    std::string delay_reason;
};

store::BreachNotification notify_breach(store::Store& store, const NotifyOptions& options, const time::Zone& zone,
                                        const store::ChangeStamp& stamp);

store::Breach close_breach(store::Store& store, const std::string& id, const store::ChangeStamp& stamp);

struct BreachDetail {
    store::Breach breach;
    std::vector<store::BreachNotification> notifications;
    std::vector<store::AuditEvent> events;
};

BreachDetail show_breach(store::Store& store, const std::string& id);

// The first filing with the authority, if any.
const store::BreachNotification* first_authority_notification(const BreachDetail& detail);
// Late: the authority had to be (or may have to be) notified and was not by the deadline, or
// was notified after it.
bool is_late(const BreachDetail& detail, time::DateTime now);
// What is still missing before the breach can be closed, in words (empty: nothing).
std::vector<std::string> missing_notifications(const BreachDetail& detail);

struct ListOptions {
    bool open = false;
    bool late = false;
    std::string due_within;  // e.g. 24h
};

void list_breaches(store::Store& store, const ListOptions& options, time::DateTime now,
                   const std::function<void(const BreachDetail&)>& visit);

// "24h", "2d", "PT36H": a number of seconds; UsageError otherwise.
std::int64_t parse_hours_window(const std::string& text, const std::string& option);

}  // namespace gdprctl::breach
