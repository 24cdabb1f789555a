#include "consent/consent.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "store/change_time.hpp"
#include "requests/requests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace gdprctl::consent {
namespace {

using store::ConsentAction;
using store::ConsentEvent;
using store::ConsentTask;
using store::TaskKind;

struct PurposeRef {
    std::string_view system;
    std::string_view purpose;
};

std::optional<PurposeRef> split_purpose(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size() ||
        text.find('/', slash + 1) != std::string_view::npos)
        return std::nullopt;
    return PurposeRef{text.substr(0, slash), text.substr(slash + 1)};
}

const model::Purpose* find_purpose(const model::Register& reg, std::string_view text) {
    auto ref = split_purpose(text);
    if (!ref) return nullptr;
    const auto* system = reg.find_system(ref->system);
    if (!system) return nullptr;
    for (const auto& purpose : system->purposes)
        if (purpose.id == ref->purpose) return &purpose;
    return nullptr;
}

time::DateTime event_time(const RecordOptions& options, const time::Zone& zone, const store::ChangeStamp& stamp) {
    if (options.at.empty()) return stamp.at;
    auto at = time::parse_instant(options.at, zone);
    if (!at)
        throw UsageError(fmt::format("--at `{}` is not an ISO 8601 date-time", options.at),
                         "write YYYY-MM-DDTHH:MM[:SS], with Z or +HH:MM for an instant elsewhere; without an offset "
                         "it is read in settings.timezone");
    // The ledger is evidence: nothing is recorded as having happened after the moment it is recorded.
    store::require_fact_not_after(*at, stamp, "--at");
    return *at;
}

ConsentEvent make_event(const RecordOptions& options, ConsentAction action, time::DateTime at,
                        const store::ChangeStamp& stamp) {
    ConsentEvent event;
    event.subject = options.subject;
    event.purpose = options.purpose;
    event.action = action;
    event.at = at;
    event.evidence = options.evidence;
    event.method = options.method;
    event.notice_version = options.notice_version;
    event.source = options.source;
    event.channel = options.channel;
    event.recorded_at = stamp.recorded_at;  // the real time, whatever the change is dated
    event.recorded_by = stamp.actor;
    return event;
}

std::string audit_details(const ConsentEvent& event) {
    // Purposes and times are not personal data; the subject never goes into the trail.
    return fmt::format("{} {} at {}", to_string(event.action), event.purpose, event.at.to_string());
}

std::string task_label(const ConsentTask& task) {
    return task.kind == TaskKind::system ? task.target : fmt::format("notify:{}", task.target);
}

}  // namespace

std::string event_id(std::int64_t id) { return fmt::format("CON-{}", id); }

std::optional<std::int64_t> parse_event_id(std::string_view text) {
    if (text.rfind("CON-", 0) == 0) text.remove_prefix(4);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::vector<std::string> consent_purposes(const model::Register& reg) {
    std::vector<std::string> names;
    for (const auto& system : reg.systems)
        for (const auto& purpose : system.purposes)
            if (purpose.basis == model::LawfulBasis::consent && !system.id.empty() && !purpose.id.empty())
                names.push_back(fmt::format("{}/{}", system.id, purpose.id));
    std::sort(names.begin(), names.end());
    return names;
}

void require_consent_purpose(const model::Register& reg, const std::string& purpose) {
    const auto names = consent_purposes(reg);
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    const std::string listed =
        names.empty() ? "the register has no purpose with `basis: consent`" : "consent-based purposes: " +
                                                                                   fmt::format("{}", fmt::join(names, ", "));
    if (!split_purpose(purpose))
        throw UsageError(fmt::format("--purpose `{}` is not SYSTEM/PURPOSE", purpose), listed);
    const auto* found = find_purpose(reg, purpose);
    if (!found) {
        auto hint = diag::did_you_mean(purpose, candidates);
        throw Refusal(fmt::format("the register has no purpose `{}`", purpose),
                      hint.empty() ? listed : hint + " (" + listed + ")");
    }
    if (found->basis != model::LawfulBasis::consent)
        throw Refusal(fmt::format("purpose `{}` rests on {}, not on consent; consent to it cannot be recorded", purpose,
                                  found->basis ? model::to_string(*found->basis) : "no lawful basis"),
                      listed);
}

std::vector<ConsentTask> plan_withdrawal_tasks(const model::Register& reg, const std::string& purpose) {
    std::vector<ConsentTask> tasks;
    const auto ref = split_purpose(purpose);
    if (!ref) return tasks;
    std::vector<std::string> systems{std::string(ref->system)};
    for (const auto& system : reg.systems)
        for (const auto& candidate : system.purposes)
            if (candidate.id == ref->purpose && system.id != ref->system) systems.push_back(system.id);
    std::sort(systems.begin() + 1, systems.end());
    systems.erase(std::unique(systems.begin(), systems.end()), systems.end());
    std::vector<std::string> recipients;
    for (const auto& id : systems) {
        ConsentTask task;
        task.kind = TaskKind::system;
        task.target = id;
        tasks.push_back(task);
        if (const auto* system = reg.find_system(id))
            recipients.insert(recipients.end(), system->recipients.begin(), system->recipients.end());
    }
    std::sort(recipients.begin(), recipients.end());
    recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
    for (const auto& recipient : recipients) {
        ConsentTask task;
        task.kind = TaskKind::notify;
        task.target = recipient;
        tasks.push_back(task);
    }
    return tasks;
}

Recorded record_consent(store::Store& store, const model::Register& reg, const RecordOptions& options,
                        const time::Zone& zone, const store::ChangeStamp& stamp) {
    requests::check_subject_id(options.subject);
    require_consent_purpose(reg, options.purpose);
    if (options.evidence.empty())
        throw Refusal("consent without evidence cannot be recorded (Art. 7(1): the controller must be able to "
                      "demonstrate it)",
                      "pass --evidence with what the person saw and did, e.g. \"signup form v3, box ticked, "
                      "confirmation e-mail clicked\"");
    Recorded recorded;
    recorded.event = make_event(options, ConsentAction::given, event_time(options, zone, stamp), stamp);
    store.write(stamp, [&](store::StoreWriter& writer) {
        recorded.event.id = writer.insert_consent_event(recorded.event);
        writer.append_audit({"consent.record", event_id(recorded.event.id), audit_details(recorded.event)});
    });
    return recorded;
}

Recorded withdraw_consent(store::Store& store, const model::Register& reg, const RecordOptions& options,
                          const time::Zone& zone, const store::ChangeStamp& stamp) {
    requests::check_subject_id(options.subject);
    require_consent_purpose(reg, options.purpose);
    Recorded recorded;
    recorded.event = make_event(options, ConsentAction::withdrawn, event_time(options, zone, stamp), stamp);
    recorded.tasks = plan_withdrawal_tasks(reg, options.purpose);
    store.write(stamp, [&](store::StoreWriter& writer) {
        const auto events = writer.consent_events_of(options.subject);
        recorded.had_consent = std::any_of(events.begin(), events.end(), [&](const ConsentEvent& e) {
            return e.purpose == options.purpose && e.action == ConsentAction::given;
        });
        recorded.event.id = writer.insert_consent_event(recorded.event);
        for (auto& task : recorded.tasks) {
            task.event_id = recorded.event.id;
            writer.insert_consent_task(task);
        }
        writer.append_audit({"consent.withdraw", event_id(recorded.event.id),
                             fmt::format("{}; {} propagation task(s){}", audit_details(recorded.event),
                                         recorded.tasks.size(), recorded.had_consent ? "" : "; no consent recorded")});
    });
    return recorded;
}

bool is_later(const ConsentEvent& candidate, const PurposeState& current) {
    return candidate.at > current.at || (candidate.at == current.at && candidate.id > current.event_id);
}

namespace {
void fold(std::map<std::string, PurposeState>& states, const ConsentEvent& event) {
    auto [it, inserted] = states.try_emplace(event.purpose);
    if (inserted || is_later(event, it->second))
        it->second = PurposeState{event.purpose, event.action, event.at, event.id};
}
}  // namespace

std::vector<PurposeState> consent_status(store::Store& store, const std::string& subject, const std::string& purpose,
                                         time::DateTime as_of) {
    requests::check_subject_id(subject);
    std::map<std::string, PurposeState> states;
    store.read([&](store::StoreReader& reader) {
        for (const auto& event : reader.consent_events_of(subject))
            if (event.at <= as_of && (purpose.empty() || event.purpose == purpose)) fold(states, event);
    });
    std::vector<PurposeState> result;
    for (auto& [name, state] : states) result.push_back(std::move(state));
    return result;
}

void list_audience(store::Store& store, const model::Register& reg, const std::string& purpose,
                   store::ConsentAction state, time::DateTime as_of,
                   const std::function<void(const AudienceMember&)>& visit) {
    require_consent_purpose(reg, purpose);
    store.read([&](store::StoreReader& reader) {
        std::optional<AudienceMember> current;
        auto flush = [&] {
            if (current && current->state.state == state) visit(*current);
        };
        reader.for_each_consent_event(purpose, as_of, [&](const ConsentEvent& event) {
            if (!current || current->subject != *event.subject) {
                flush();
                current = AudienceMember{*event.subject, PurposeState{event.purpose, event.action, event.at, event.id}};
            } else if (is_later(event, current->state)) {
                current->state = PurposeState{event.purpose, event.action, event.at, event.id};
            }
            return true;
        });
        flush();
    });
}

void list_tasks(store::Store& store, bool pending_only, const std::function<void(const store::ConsentTask&)>& visit) {
    store.read([&](store::StoreReader& reader) {
        reader.for_each_consent_task(pending_only, [&](const ConsentTask& task) {
            visit(task);
            return true;
        });
    });
}

store::ConsentTask complete_task(store::Store& store, const std::string& id, const std::string& target,
                                 const store::ChangeStamp& stamp) {
    const auto number = parse_event_id(id);
    if (!number)
        throw UsageError(fmt::format("`{}` is not a consent event id", id),
                         "ids look like CON-17; `gdprctl consent tasks --pending` lists them");
    ConsentTask wanted;
    wanted.event_id = *number;
    wanted.kind = target.rfind("notify:", 0) == 0 ? TaskKind::notify : TaskKind::system;
    wanted.target = wanted.kind == TaskKind::notify ? target.substr(7) : target;
    if (wanted.kind == TaskKind::system && target.rfind("system:", 0) == 0) wanted.target = target.substr(7);
    store.write(stamp, [&](store::StoreWriter& writer) {
        std::optional<ConsentTask> found;
        writer.for_each_consent_task(false, [&](const ConsentTask& task) {
            if (task.event_id == wanted.event_id && task.kind == wanted.kind && task.target == wanted.target) {
                found = task;
                return false;
            }
            return true;
        });
        if (!found)
            throw UsageError(fmt::format("withdrawal {} has no propagation task `{}`", event_id(*number), target),
                             "`gdprctl consent tasks` lists the tasks; a recipient's is written notify:ID");
        if (found->done_at)
            throw Refusal(fmt::format("task {} of withdrawal {} was already done at {}", task_label(*found),
                                      event_id(*number), found->done_at->to_string()));
        const auto withdrawal = writer.find_consent_event(*number);
        if (withdrawal)
            store::require_not_before(stamp.at, withdrawal->at,
                                      fmt::format("task {} of withdrawal {}", task_label(*found), event_id(*number)),
                                      "the withdrawal");
        wanted.done_at = stamp.at;
        wanted.done_by = stamp.actor;
        writer.complete_consent_task(wanted);
        writer.append_audit({"consent.task", event_id(*number), fmt::format("{} done", task_label(wanted))});
    });
    return wanted;
}

History consent_history(store::Store& store, const std::string& subject) {
    requests::check_subject_id(subject);
    History history;
    history.subject = subject;
    std::map<std::string, PurposeState> states;
    store.read([&](store::StoreReader& reader) { history.events = reader.consent_events_of(subject); });
    for (const auto& event : history.events) fold(states, event);
    for (auto& [name, state] : states) history.states.push_back(std::move(state));
    return history;
}

}  // namespace gdprctl::consent
