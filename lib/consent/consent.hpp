#pragma once

#include "model/register.hpp"
#include "store/store.hpp"
#include "time/zone.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

// The consent ledger (Art. 7): evidence of each opt-in, withdrawals that reach every system
// (Art. 7(3)), the current state derived from the events, over any Store backend.
namespace gdprctl::consent {

// "CON-17" for event 17; the number back, or nullopt.
std::string event_id(std::int64_t id);
std::optional<std::int64_t> parse_event_id(std::string_view text);

// The purposes of the register that rest on consent, as SYSTEM/PURPOSE, sorted.
std::vector<std::string> consent_purposes(const model::Register& reg);
// Checks that `purpose` (SYSTEM/PURPOSE) names a consent-based purpose; Refusal otherwise,
// naming the ones that are (a purpose on another basis cannot be consented to).
void require_consent_purpose(const model::Register& reg, const std::string& purpose);

// Where a withdrawal must reach (policy 4.4): every system that has a purpose with the same id
// (the named system first among them), and every recipient of those systems.
std::vector<store::ConsentTask> plan_withdrawal_tasks(const model::Register& reg, const std::string& purpose);

struct RecordOptions {
    std::string subject;
    std::string purpose;
    std::string evidence;
    std::string at;  // ISO 8601; empty: now
    std::string method;
    std::string notice_version;
    std::string source;
    std::string channel;
};

struct Recorded {
    store::ConsentEvent event;
    std::vector<store::ConsentTask> tasks;  // withdrawals only
    bool had_consent = true;                // withdrawals: false when no consent was recorded before
};

// `consent record`: evidence is required (Art. 7(1): who, when, how, what they were told).
Recorded record_consent(store::Store& store, const model::Register& reg, const RecordOptions& options,
                        const time::Zone& zone, const store::ChangeStamp& stamp);
// `consent withdraw`: accepted even without a recorded consent (the person's wish counts), and
// creates one propagation task per system and recipient.
Recorded withdraw_consent(store::Store& store, const model::Register& reg, const RecordOptions& options,
                          const time::Zone& zone, const store::ChangeStamp& stamp);

// The state of one purpose for one subject: the event with the latest `at` (then the highest id).
struct PurposeState {
    std::string purpose;
    store::ConsentAction state = store::ConsentAction::given;
    time::DateTime at;
    std::int64_t event_id = 0;
};

// The one rule for "current state": folds events of one subject and purpose, latest at wins.
bool is_later(const store::ConsentEvent& candidate, const PurposeState& current);

std::vector<PurposeState> consent_status(store::Store& store, const std::string& subject, const std::string& purpose,
                                         time::DateTime as_of);

struct AudienceMember {
    std::string subject;
    PurposeState state;
};

// `consent list`: each subject whose latest event for `purpose` at `as_of` is in `state`, streamed
// in subject order.
void list_audience(store::Store& store, const model::Register& reg, const std::string& purpose,
                   store::ConsentAction state, time::DateTime as_of,
                   const std::function<void(const AudienceMember&)>& visit);

void list_tasks(store::Store& store, bool pending_only, const std::function<void(const store::ConsentTask&)>& visit);

// Marks the propagation task of withdrawal `id` to `target` (a system, or `notify:RECIPIENT`) done.
store::ConsentTask complete_task(store::Store& store, const std::string& id, const std::string& target,
                                 const store::ChangeStamp& stamp);

struct History {
    std::string subject;
    std::string controller_name;     // from gdpr.yaml, for the exported record
    std::string controller_contact;
    time::DateTime generated_at;
    std::vector<store::ConsentEvent> events;
    std::vector<PurposeState> states;
};

History consent_history(store::Store& store, const std::string& subject);

}  // namespace gdprctl::consent
