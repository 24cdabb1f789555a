#include "review/review.hpp"

#include "breach/breach.hpp"
#include "check/check.hpp"
#include "consent/consent.hpp"
#include "model/review_due.hpp"
#include "register/loader.hpp"
#include "requests/requests.hpp"
#include "retention/sweep.hpp"
#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace gdprctl::review {
namespace {

struct AreaRow {
    Area area;
    std::string_view name;
};
constexpr AreaRow area_table[] = {
    {Area::register_, "register"},
    {Area::reviews, "reviews"},
    {Area::retention, "retention"},
    {Area::requests, "requests"},
    {Area::breaches, "breaches"},
    {Area::consent, "consent"},
};
static_assert(std::size(area_table) == static_cast<std::size_t>(Area::consent) + 1);

// Check rules whose findings belong to another area of the review than the register's.
Area area_of_rule(std::string_view rule) {
    if (rule == "system-review-overdue" || rule == "policy-review-overdue") return Area::reviews;
    if (rule == "retention-missing" || rule == "retention-undetermined") return Area::retention;
    return Area::register_;
}

std::string person_label(const model::Person& person) {
    if (!person.role.empty() && !person.name.empty()) return fmt::format("{} ({})", person.role, person.name);
    if (!person.role.empty()) return person.role;
    if (!person.name.empty()) return person.name;
    return person.email;
}

class Builder {
public:
    Builder(const ReviewInputs& inputs, const model::Register& reg, ReviewResult& result)
        : inputs_(inputs), reg_(reg), result_(result) {
        if (reg.organization && reg.organization->responsible_person)
            responsible_ = person_label(*reg.organization->responsible_person);
        if (responsible_.empty()) responsible_ = "the responsible person (none named in gdpr.yaml)";
        for (const auto& system : reg.systems) by_file_[reg.file_of(system)].push_back(&system);
        for (auto& [file, systems] : by_file_)
            std::sort(systems.begin(), systems.end(), [](auto* a, auto* b) { return a->pos.line < b->pos.line; });
    }

    void findings(const std::vector<diag::Diagnostic>& diagnostics) {
        for (const auto& d : diagnostics) {
            if (d.severity == diag::Severity::error) ++result_.register_errors;
            if (d.severity == diag::Severity::note) continue;
            Action action;
            action.area = area_of_rule(d.rule_id);
            action.severity = d.severity;
            action.what = d.message;
            action.article = d.article;
            action.rule = d.rule_id;
            action.file = d.path;
            action.line = d.pos.line;
            const auto* system = system_at(d.path, d.pos.line);
            action.owner = system && !system->owner.empty() ? system->owner : responsible_;
            if (system) action.ref = system->id;
            if (d.rule_id == "system-review-overdue" && system) action.due = model::next_review(reg_, *system);
            if (d.rule_id == "policy-review-overdue") {
                action.ref = "policy";
                action.owner = responsible_;
                if (reg_.policy) action.due = model::next_review(*reg_.policy);
            }
            result_.actions.push_back(std::move(action));
        }
    }

    // Reviews falling due on the date itself (check reports them from the day after) and the
    // coming ones for the timeline.
    void reviews() {
        const auto* rule = rules::find_rule("system-review-overdue");
        for (const auto& system : reg_.systems) {
            auto next = model::next_review(reg_, system);
            auto state = model::review_state(next, inputs_.as_of);
            if (state == model::ReviewState::due) {
                Action action;
                action.area = Area::reviews;
                action.severity = diag::Severity::warning;
                action.what = fmt::format("system `{}` is due for its review today (last reviewed {})", system.id,
                                          system.last_review->to_string());
                action.article = std::string(rule->article);
                action.owner = system.owner.empty() ? responsible_ : system.owner;
                action.due = next;
                action.rule = "system-review-due";
                action.ref = system.id;
                action.file = reg_.file_of(system);
                action.line = system.at("last_review").line;
                result_.actions.push_back(std::move(action));
            } else if (state == model::ReviewState::current) {
                upcoming(Area::reviews, fmt::format("review of system {}", system.id), *next);
            }
        }
        if (reg_.policy) {
            const auto& policy = *reg_.policy;
            auto next = model::next_review(policy);
            auto state = model::review_state(next, inputs_.as_of);
            if (state == model::ReviewState::due) {
                Action action;
                action.area = Area::reviews;
                action.severity = diag::Severity::warning;
                action.what = fmt::format("the policy is due for its review today (last reviewed {})",
                                          policy.last_review->to_string());
                action.article = std::string(rules::find_rule("policy-review-overdue")->article);
                action.owner = responsible_;
                action.due = next;
                action.rule = "policy-review-due";
                action.ref = "policy";
                action.file = reg_.file_of(policy);
                action.line = policy.at("last_review").line;
                result_.actions.push_back(std::move(action));
            } else if (state == model::ReviewState::current) {
                upcoming(Area::reviews, "review of the policy", *next);
            }
        }
    }

    void requests(store::Store& store) {
        auto horizon = inputs_.as_of.plus_days(request_horizon_days);
        store::RequestFilter filter;
        filter.status = store::RequestStatus::open;
        filter.due_until = inputs_.as_of.plus_days(timeline_days);
        store.read([&](store::StoreReader& reader) {
            reader.for_each_request(filter, [&](const store::Request& request) {
                if (request.received > inputs_.as_of) return true;  // not yet received on that date
                auto kind = model::to_string(request.type);
                if (request.extended_on && !request.subject_informed_on) {
                    Action action = request_action(request);
                    action.severity = diag::Severity::error;
                    action.what = fmt::format("request {} ({}) was extended on {} but the subject was never told",
                                              request.id, kind, request.extended_on->to_string());
                    action.rule = "extension-not-told";
                    action.due = requests::first_due(request.received, time::HolidayCalendar(reg_.settings.holidays));
                    result_.actions.push_back(std::move(action));
                }
                if (requests::is_overdue(request, inputs_.as_of)) {
                    Action action = request_action(request);
                    action.severity = diag::Severity::error;
                    action.what = fmt::format("request {} ({}) is overdue: it was due on {}", request.id, kind,
                                              request.due.to_string());
                    action.rule = "request-overdue";
                    result_.actions.push_back(std::move(action));
                } else if (request.due <= horizon) {
                    Action action = request_action(request);
                    auto days = (request.due.days() - inputs_.as_of.days()).count();
                    action.what = days == 0 ? fmt::format("request {} ({}) is due today", request.id, kind)
                                            : fmt::format("request {} ({}) is due in {} day{}", request.id, kind,
                                                          days, days == 1 ? "" : "s");
                    action.rule = "request-due-soon";
                    result_.actions.push_back(std::move(action));
                }
                if (request.due > inputs_.as_of)
                    upcoming(Area::requests, fmt::format("request {} ({})", request.id, kind), request.due);
                return true;
            });
        });
    }

    // Breaches open on the date: the authority notification pending (Art. 33(1): late after the 72
    // hours unless a decision not to notify is recorded, Art. 33(5)), and the people affected or the
    // public not yet informed where the assessment requires it (Art. 34(1), 34(3)(c)). What happened
    // after `now` (a later filing, assessment or close) does not count.
    void breaches(store::Store& store) {
        const auto now = now_;
        store.read([&](store::StoreReader& reader) {
            for (auto& found : reader.breaches()) {
                if (found.aware_at > now || (found.closed_at && *found.closed_at <= now)) continue;
                breach::BreachDetail detail;
                detail.breach = std::move(found);
                auto& b = detail.breach;
                if (b.assessed_at && *b.assessed_at > now) b.risk.reset();
                for (auto& n : reader.notifications_of(b.id))
                    if (n.at <= now) detail.notifications.push_back(std::move(n));
                auto notified = [&](store::NotificationAudience audience) {
                    return std::any_of(detail.notifications.begin(), detail.notifications.end(),
                                       [&](const store::BreachNotification& n) { return n.audience == audience; });
                };
                const auto label = fmt::format("breach {} (\"{}\")", b.id, b.summary);
                if (b.risk != store::BreachRisk::none && !notified(store::NotificationAudience::authority)) {
                    Action action = breach_action(b);
                    action.article = "GDPR Art. 33(1), 33(5)";
                    action.due = b.deadline.date();
                    const auto next = b.risk ? "notify the supervisory authority"
                                             : "assess it and notify the supervisory authority or record the "
                                               "decision not to (`gdprctl breach assess`)";
                    if (now > b.deadline) {
                        action.severity = diag::Severity::error;
                        action.rule = "breach-notification-late";
                        action.what = fmt::format("{} is past its 72 hours (deadline {}) without a notification of "
                                                  "the supervisory authority or a recorded decision not to notify: "
                                                  "{}, with the reasons for the delay",
                                                  label, b.deadline.to_string(), next);
                    } else {
                        action.rule = "breach-notification-due";
                        action.what = fmt::format("{}: {} by {} (72 hours after awareness)", label, next,
                                                  b.deadline.to_string());
                        upcoming(Area::breaches, fmt::format("notification of breach {}", b.id), b.deadline.date());
                    }
                    result_.actions.push_back(std::move(action));
                }
                const auto required = breach::required_notifications(b);
                if (required.subjects && !notified(store::NotificationAudience::subjects)) {
                    Action action = breach_action(b);
                    action.severity = diag::Severity::error;
                    action.article = "GDPR Art. 34(1)";
                    action.rule = "breach-subjects-not-informed";
                    action.due = b.assessed_at->date();
                    action.what = fmt::format("{} was assessed as a high risk on {} and the people affected have not "
                                              "been informed (without undue delay), nor an Art. 34(3) ground recorded",
                                              label, b.assessed_at->date().to_string());
                    result_.actions.push_back(std::move(action));
                }
                if (required.public_communication && !notified(store::NotificationAudience::public_communication)) {
                    Action action = breach_action(b);
                    action.severity = diag::Severity::error;
                    action.article = "GDPR Art. 34(3)(c)";
                    action.rule = "breach-public-communication-missing";
                    action.due = b.assessed_at->date();
                    action.what = fmt::format("{}: informing each person affected was found disproportionate on {}, "
                                              "and the public communication that replaces it has not been made",
                                              label, b.assessed_at->date().to_string());
                    result_.actions.push_back(std::move(action));
                }
            }
        });
    }

    // Withdrawals of consent whose propagation tasks (policy 4.4) were still open on the date, one
    // action per system or recipient, and consents recorded for purposes the register no longer
    // bases on consent.
    void consents(store::Store& store) {
        struct Open {
            store::TaskKind kind = store::TaskKind::system;
            std::string target;
            std::vector<std::int64_t> withdrawals;
            time::DateTime oldest;
        };
        std::map<std::string, Open> by_target;
        std::vector<std::pair<std::string, std::int64_t>> given;
        store.read([&](store::StoreReader& reader) {
            reader.for_each_open_withdrawal_task(now_, [&](const store::OpenWithdrawalTask& open) {
                const auto key = fmt::format("{}{}", open.task.kind == store::TaskKind::notify ? "notify:" : "",
                                             open.task.target);
                auto [it, fresh] = by_target.try_emplace(key);
                if (fresh) it->second = Open{open.task.kind, open.task.target, {}, open.withdrawn_at};
                it->second.withdrawals.push_back(open.task.event_id);
                it->second.oldest = std::min(it->second.oldest, open.withdrawn_at);
                return true;
            });
            given = reader.consents_given_by_purpose(now_);
        });
        for (const auto& [key, open] : by_target) {
            Action action;
            action.area = Area::consent;
            action.severity = diag::Severity::warning;
            action.article = "GDPR Art. 7(3)";
            action.rule = "withdrawal-not-propagated";
            action.ref = key;
            action.due = open.oldest.date();
            const auto count = open.withdrawals.size();
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < std::min<std::size_t>(count, 5); ++i)
                ids.push_back(consent::event_id(open.withdrawals[i]));
            const auto list = fmt::format("{}{}", fmt::join(ids, ", "),
                                          count > ids.size() ? fmt::format(" and {} more", count - ids.size()) : "");
            if (open.kind == store::TaskKind::system) {
                const auto* system = reg_.find_system(open.target);
                action.owner = system && !system->owner.empty() ? system->owner : responsible_;
                action.what = fmt::format("system `{}` has not yet carried out {} withdrawal{} of consent ({}; the "
                                          "oldest of {}): stop the processing and mark the task done",
                                          open.target, count, count == 1 ? "" : "s", list,
                                          open.oldest.date().to_string());
            } else {
                action.owner = responsible_;
                action.what = fmt::format("recipient `{}` has not yet been told of {} withdrawal{} of consent ({}; "
                                          "the oldest of {})",
                                          open.target, count, count == 1 ? "" : "s", list,
                                          open.oldest.date().to_string());
            }
            result_.actions.push_back(std::move(action));
        }
        const auto consent_based = consent::consent_purposes(reg_);
        for (const auto& [purpose, count] : given) {
            if (std::binary_search(consent_based.begin(), consent_based.end(), purpose)) continue;
            Action action;
            action.area = Area::consent;
            action.severity = diag::Severity::error;
            action.article = "GDPR Art. 6(1)(a), 7(1); EDPB Guidelines 05/2020 on consent (no switch to another basis)";
            action.rule = "consent-purpose-not-consent-based";
            action.ref = purpose;
            action.owner = responsible_;
            const auto slash = purpose.find('/');
            const auto* system = reg_.find_system(purpose.substr(0, slash));
            const model::Purpose* found = nullptr;
            if (system) {
                if (!system->owner.empty()) action.owner = system->owner;
                for (const auto& p : system->purposes)
                    if (slash != std::string::npos && p.id == purpose.substr(slash + 1)) found = &p;
            }
            const auto recorded = fmt::format("{} consent{} {} recorded for `{}`", count, count == 1 ? "" : "s",
                                              count == 1 ? "is" : "are", purpose);
            action.what =
                found ? fmt::format("{}, whose lawful basis in the register is now {}: the ledger and the register "
                                    "disagree; restore the basis or stop relying on those consents",
                                    recorded, found->basis ? model::to_string(*found->basis) : "unstated")
                      : fmt::format("{}, which is no longer a purpose in the register: the ledger and the register "
                                    "disagree",
                                    recorded);
            result_.actions.push_back(std::move(action));
        }
    }

    // The store's own records past settings.store_retention: the same count `retention sweep` uses.
    // A store_retention block with a problem is check's finding; its periods are not guessed here.
    void store_retention(store::Store& store) {
        const auto& retention = reg_.settings.store_retention;
        if (!retention.readable()) return;
        store.read([&](store::StoreReader& reader) {
            for (const auto& area : retention::store_retention_due(reader, retention, now_, inputs_.zone)) {
                if (area.counts.records == 0) continue;
                Action action;
                action.area = Area::retention;
                action.severity = diag::Severity::warning;
                const bool one = area.counts.records == 1;
                action.what = fmt::format(
                    "{} {} ({} {}) {} on or before {} {} past {} retention in the operational store ({} from {}, "
                    "settings.store_retention.{}): run `gdprctl retention sweep`",
                    area.counts.records, one ? area.one : area.many, area.counts.dependents,
                    area.counts.dependents == 1 ? area.dependent_one : area.dependents, area.dated,
                    area.last_day.to_string(), one ? "is" : "are", one ? "its" : "their", area.period.to_string(),
                    area.runs_from, area.name);
                action.article = std::string(area.article);
                action.owner = responsible_;
                action.rule = "store-retention-due";
                action.ref = fmt::format("store:{}", area.name);
                result_.actions.push_back(std::move(action));
            }
        });
    }

    void overview() {
        for (const auto& system : reg_.systems) {
            for (const auto& purpose : system.purposes)
                ++result_.overview.purposes_by_basis[purpose.basis ? std::string(model::to_string(*purpose.basis))
                                                                   : std::string("unstated")];
            result_.overview.categories_by_system.emplace_back(system.id, system.data.size());
        }
    }

    static constexpr int timeline_days = 90;

private:
    Action request_action(const store::Request& request) {
        Action action;
        action.area = Area::requests;
        action.severity = diag::Severity::warning;
        action.article = std::string(model::article_of(request.type)) + ", GDPR Art. 12(3)";
        action.owner = responsible_;
        action.due = request.due;
        action.ref = request.id;
        return action;
    }

    Action breach_action(const store::Breach& breach) {
        Action action;
        action.area = Area::breaches;
        action.owner = responsible_;
        action.ref = breach.id;
        return action;
    }

    void upcoming(Area area, std::string what, time::Date due) {
        if (due > inputs_.as_of && due <= inputs_.as_of.plus_days(timeline_days))
            result_.upcoming.push_back({area, std::move(what), due});
    }

    const model::System* system_at(const std::string& file, int line) const {
        auto found = by_file_.find(file);
        if (found == by_file_.end() || line <= 0) return nullptr;
        const model::System* best = nullptr;
        for (const auto* system : found->second)
            if (system->pos.line <= line) best = system;
        return best;
    }

    const ReviewInputs& inputs_;
    const time::DateTime now_ = inputs_.now.value_or(
        time::DateTime{time::DateTime::start_of(inputs_.as_of.plus_days(1)).time_point() - std::chrono::seconds{1}});
    const model::Register& reg_;
    ReviewResult& result_;
    std::string responsible_;
    std::map<std::string, std::vector<const model::System*>> by_file_;
};

}  // namespace

std::string_view to_string(Area area) { return area_table[static_cast<std::size_t>(area)].name; }

const std::vector<Area>& areas() {
    static const std::vector<Area> all = [] {
        std::vector<Area> list;
        for (const auto& row : area_table) list.push_back(row.area);
        return list;
    }();
    return all;
}

std::size_t ReviewResult::count(Area area, diag::Severity severity) const {
    return static_cast<std::size_t>(std::count_if(actions.begin(), actions.end(), [&](const Action& action) {
        return action.area == area && action.severity == severity;
    }));
}

ReviewResult build_review(const ReviewInputs& inputs) {
    check::CheckOptions options;
    options.workspace = inputs.root.string();
    // check reads "today" from this instant in the workspace's zone; noon of `as_of` there is
    // inside that day whatever daylight saving does at night.
    options.now = inputs.now.value_or(inputs.zone.to_utc({inputs.as_of, 12, 0, 0}));
    auto checked = check::run_check(options);
    auto loaded = reg::load_register(checked.root);

    ReviewResult result;
    result.as_of = inputs.as_of;
    if (loaded.reg.organization) result.organisation = loaded.reg.organization->name;
    Builder builder(inputs, loaded.reg, result);
    builder.findings(checked.diagnostics);
    builder.reviews();
    if (inputs.store) {
        builder.requests(*inputs.store);
        builder.breaches(*inputs.store);
        builder.consents(*inputs.store);
        builder.store_retention(*inputs.store);
        result.store_read = true;
    } else {
        result.store_note = inputs.store_note;
    }
    builder.overview();

    auto severity_rank = [](diag::Severity s) { return static_cast<int>(s); };
    std::stable_sort(result.actions.begin(), result.actions.end(), [&](const Action& a, const Action& b) {
        auto key = [&](const Action& x) {
            return std::make_tuple(static_cast<int>(x.area), severity_rank(x.severity), x.due.has_value(),
                                   x.due ? x.due->days().time_since_epoch().count() : 0L, x.ref, x.file, x.line);
        };
        return key(a) < key(b);
    });
    std::sort(result.upcoming.begin(), result.upcoming.end(),
              [](const Deadline& a, const Deadline& b) { return std::tie(a.due, a.what) < std::tie(b.due, b.what); });
    return result;
}

}  // namespace gdprctl::review
