#include "review/review.hpp"

#include "check/check.hpp"
#include "model/review_due.hpp"
#include "register/loader.hpp"
#include "requests/requests.hpp"
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
};
static_assert(std::size(area_table) == static_cast<std::size_t>(Area::requests) + 1);

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
    options.today = inputs.as_of;
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
