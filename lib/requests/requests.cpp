#include "requests/requests.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "model/calendar.hpp"
#include "store/change_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

namespace gdprctl::requests {
namespace {

using store::Request;
using model::Right;
using store::Task;
using store::TaskKind;

bool needs_recipient_notice(Right type) {
    return type == Right::rectification || type == Right::erasure || type == Right::restriction;
}

std::string request_id(int year, int number) {
    return fmt::format("REQ-{:04}-{:04}", year, number);
}

Request require_request(store::StoreReader& reader, const std::string& id) {
    if (auto found = reader.find_request(id)) return *found;
    throw UsageError(fmt::format("no request `{}` in the store", id),
                     "run `gdprctl request list --status all` to see the request ids");
}

void require_open(const Request& request, std::string_view doing) {
    if (request.status == store::RequestStatus::closed)
        throw Refusal(fmt::format("request {} is closed ({}); it cannot be {}", request.id,
                                  request.outcome ? to_string(*request.outcome) : "closed", doing));
}

std::string task_label(const Task& task) {
    return task.kind == TaskKind::system ? task.target : fmt::format("notify:{}", task.target);
}

// A change is never dated before the facts it depends on.
void require_date_between(time::Date date, time::Date earliest, std::string_view earliest_what, time::Date today,
                          std::string_view option) {
    if (date < earliest)
        throw Refusal(fmt::format("{} {} is before {} ({})", option, date.to_string(), earliest_what,
                                  earliest.to_string()),
                      "a fact cannot precede what it depends on; check the date");
    if (date > today)
        throw Refusal(fmt::format("{} {} is after today ({})", option, date.to_string(), today.to_string()),
                      "record a fact once it has happened");
}

bool contains_word(std::string_view text, std::string_view word) {
    auto lower = [](std::string_view in) {
        std::string out(in);
        for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    return lower(text).find(lower(word)) != std::string::npos;
}

// A retention reason "cites a law" when it names an article, a section or an act.
bool cites_law(std::string_view reason) {
    for (std::string_view marker : {"art.", "article", "artikel", "§", "wet", "law", "act ", "code", "bw ", "awr"})
        if (contains_word(reason, marker)) return true;
    return false;
}

std::string retention_end(const model::RetentionRule& rule) {
    if (!rule.period) return "the end of its retention period (not determined in the register)";
    return fmt::format("the end of its retention period ({} after {})", rule.period->to_string(),
                       rule.after.empty() ? "collection" : rule.after);
}

// Art. 17(3)(b) and (e): why erasure yields, citing the register, or empty when it does not.
std::string legal_hold(const model::System& system) {
    std::vector<std::string> grounds;
    for (const auto& purpose : system.purposes)
        if (purpose.basis == model::LawfulBasis::legal_obligation) {
            std::string end = "the end of its retention period";
            for (const auto& rule : system.retention)
                if (rule.data.empty() || purpose.data.empty() ||
                    std::any_of(rule.data.begin(), rule.data.end(), [&](const std::string& d) {
                        return std::find(purpose.data.begin(), purpose.data.end(), d) != purpose.data.end();
                    })) {
                    end = retention_end(rule);
                    break;
                }
            grounds.push_back(fmt::format("Art. 17(3)(b): purpose {} is a legal obligation ({}); restrict "
                                          "processing until {}, then erase",
                                          purpose.id, purpose.law.empty() ? "law not named" : purpose.law, end));
        }
    for (const auto& rule : system.retention)
        if (cites_law(rule.reason))
            grounds.push_back(fmt::format("Art. 17(3)({}): kept by law ({}); restrict processing until {}, then erase",
                                          contains_word(rule.reason, "claim") ? "e" : "b", rule.reason,
                                          retention_end(rule)));
    return fmt::format("{}", fmt::join(grounds, "; "));
}

std::string bases_of(const model::System& system) {
    std::vector<std::string> parts;
    for (const auto& purpose : system.purposes)
        if (purpose.basis)
            parts.push_back(fmt::format("{} ({}, {})", purpose.id, model::to_string(*purpose.basis),
                                        model::article_of(*purpose.basis)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

bool any_basis(const model::System& system, std::initializer_list<model::LawfulBasis> bases) {
    return std::any_of(system.purposes.begin(), system.purposes.end(), [&](const model::Purpose& purpose) {
        return purpose.basis && std::find(bases.begin(), bases.end(), *purpose.basis) != bases.end();
    });
}

bool direct_marketing(const model::System& system) {
    return std::any_of(system.purposes.begin(), system.purposes.end(), [](const model::Purpose& purpose) {
        return contains_word(purpose.id, "marketing") || contains_word(purpose.description, "marketing");
    });
}

bool any_known_basis(const model::System& system) {
    return std::any_of(system.purposes.begin(), system.purposes.end(),
                       [](const model::Purpose& purpose) { return purpose.basis.has_value(); });
}

// What a system task asks for, given the right exercised and the system's processing.
void resolve_system_task(Task& task, const model::System& system, Right type) {
    using model::LawfulBasis;
    if (type == Right::erasure) {
        if (auto hold = legal_hold(system); !hold.empty()) {
            task.resolution = store::TaskResolution::restrict;
            task.grounds = hold;
        }
    } else if (type == Right::portability && any_known_basis(system) &&
               !any_basis(system, {LawfulBasis::consent, LawfulBasis::contract})) {
        task.resolution = store::TaskResolution::not_applicable;
        task.grounds = fmt::format(
            "Art. 20(1): portability covers processing based on consent or contract; this system's rests on {}",
            bases_of(system));
    } else if (type == Right::objection && any_known_basis(system) &&
               !any_basis(system, {LawfulBasis::public_task, LawfulBasis::legitimate_interests}) &&
               !direct_marketing(system)) {
        task.resolution = store::TaskResolution::not_applicable;
        task.grounds = fmt::format(
            "Art. 21(1), (2): objection covers processing based on public task or legitimate interests, and direct "
            "marketing; this system's rests on {}",
            bases_of(system));
    }
}

}  // namespace

time::Date first_due(time::Date received, const time::HolidayCalendar& calendar) {
    return time::period_end_months(received, 1, calendar);
}

time::Date extended_due(time::Date received, const time::HolidayCalendar& calendar) {
    const time::Date three_months = time::add_months_clamped(received, 3);
    const time::Date after_first = time::add_months_clamped(time::add_months_clamped(received, 1), 2);
    return calendar.next_working_day_from(std::min(three_months, after_first));
}

std::vector<std::string> calendar_warnings(time::Date due, const time::HolidayCalendar& calendar) {
    std::vector<std::string> warnings;
    if (auto gap = calendar.coverage_gap(due)) warnings.push_back(fmt::format("due {}: {}", due.to_string(), *gap));
    return warnings;
}

std::optional<std::string> extension_problem(const Request& request, time::Date today,
                                             const time::HolidayCalendar& calendar) {
    if (!request.extended_on) return std::nullopt;
    const time::Date month_end = first_due(request.received, calendar);
    if (request.subject_informed_on && *request.subject_informed_on <= month_end) return std::nullopt;
    if (request.subject_informed_on)
        return fmt::format("the subject was told of the extension on {}, after the first month ended on {} "
                           "(Art. 12(3))",
                           request.subject_informed_on->to_string(), month_end.to_string());
    if (today <= month_end) return std::nullopt;
    return fmt::format("the subject was not told of the extension within the first month, which ended on {} "
                       "(Art. 12(3))",
                       month_end.to_string());
}

bool is_overdue(const Request& request, time::Date today) {
    return request.status == store::RequestStatus::open && today > request.due;
}

std::optional<long> verification_days(const Request& request) {
    if (!request.identity_verified_on) return std::nullopt;
    const time::Date from = request.identity_asked_on.value_or(request.received);
    return (request.identity_verified_on->days() - from.days()).count();
}

int parse_day_count(const std::string& text, const std::string& option) {
    std::string_view digits = text;
    int factor = 1;
    if (auto duration = time::parse_duration(text);
        duration && duration->total_months() == 0 && duration->seconds == 0 && duration->days > 0)
        return duration->days;
    if (!digits.empty() && (digits.back() == 'd' || digits.back() == 'w')) {
        factor = digits.back() == 'w' ? 7 : 1;
        digits.remove_suffix(1);
    }
    int value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || value < 0 || value > 3660)
        throw UsageError(fmt::format("{} `{}` is not a number of days", option, text),
                         fmt::format("write e.g. {} 7d, {} 2w or {} P14D", option, option, option));
    return value * factor;
}

time::Date parse_date_option(const std::string& text, const std::string& option) {
    if (auto parsed = time::parse_date(text)) return *parsed;
    throw UsageError(fmt::format("{} `{}` is not a date", option, text),
                     fmt::format("write YYYY-MM-DD, e.g. {} 2026-01-31", option));
}

void check_subject_id(const std::string& subject) {
    if (subject.empty())
        throw UsageError("the subject identifier is empty", "pass --subject ID, e.g. a customer number");
    if (subject.size() > 256)
        throw UsageError("the subject identifier is longer than 256 characters",
                         "use the identifier your systems know the person by, such as a customer number");
    for (unsigned char c : subject)
        if (c < 0x20 || c == 0x7f)
            throw UsageError("the subject identifier contains control characters", "pass the identifier as plain text");
}

std::vector<Task> plan_tasks(const model::Register& reg, Right type, const std::string& subject_kind) {
    std::vector<Task> tasks;
    std::map<std::string, std::vector<std::string>> notices;  // recipient -> systems disclosing to it
    for (const auto& system : reg.systems) {
        if (system.id.empty()) continue;
        if (!subject_kind.empty() &&
            std::find(system.subjects.begin(), system.subjects.end(), subject_kind) == system.subjects.end())
            continue;
        Task task;
        task.kind = TaskKind::system;
        task.target = system.id;
        resolve_system_task(task, system, type);
        if (std::none_of(tasks.begin(), tasks.end(), [&](const Task& t) { return t.target == system.id; }))
            tasks.push_back(task);
        if (needs_recipient_notice(type))
            for (const auto& recipient : system.recipients) {
                // Art. 4(9): public authorities receiving data under the law are not recipients.
                const auto* known = reg.find_recipient(recipient);
                if (known && known->role == model::RecipientRole::authority) continue;
                notices[recipient].push_back(system.id);
            }
    }
    std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.target < b.target; });
    for (auto& [recipient, systems] : notices) {
        Task task;
        task.kind = TaskKind::notify;
        task.target = recipient;
        std::sort(systems.begin(), systems.end());
        systems.erase(std::unique(systems.begin(), systems.end()), systems.end());
        task.via = fmt::format("{}", fmt::join(systems, ","));
        tasks.push_back(task);
    }
    return tasks;
}

Opened open_request(store::Store& store, const model::Register& reg, const OpenOptions& options,
                    const store::ChangeStamp& stamp) {
    const auto type = model::parse<model::Right>(options.type);
    if (!type) {
        auto hint = diag::did_you_mean(options.type, model::names<model::Right>());
        throw UsageError(fmt::format("unknown request type `{}`; expected {}", options.type,
                                     diag::one_of(model::names<model::Right>())),
                         hint.empty() ? "the six rights of Art. 15-21 each have a type" : hint);
    }
    check_subject_id(options.subject);
    const time::Date today = stamp.date();
    const time::Date received = options.received.value_or(today);
    if (received > today)
        throw UsageError(fmt::format("--received {} is after today ({})", received.to_string(), today.to_string()),
                         "a request is recorded once it has arrived; check the date or --as-of");
    if (!options.subject_kind.empty()) {
        std::set<std::string> kinds;
        for (const auto& system : reg.systems) kinds.insert(system.subjects.begin(), system.subjects.end());
        if (!kinds.count(options.subject_kind)) {
            std::vector<std::string_view> names(kinds.begin(), kinds.end());
            auto hint = diag::did_you_mean(options.subject_kind, names);
            throw UsageError(
                fmt::format("no system of the register holds data about subjects of kind `{}`", options.subject_kind),
                hint.empty() ? fmt::format("kinds in the register: {}", diag::one_of(names)) : hint);
        }
    }
    const time::HolidayCalendar calendar = model::holiday_calendar(reg);

    Opened opened;
    opened.tasks = plan_tasks(reg, *type, options.subject_kind);
    Request& request = opened.request;
    request.type = *type;
    request.subject = options.subject;
    request.subject_kind = options.subject_kind;
    request.received = received;
    request.due = first_due(received, calendar);
    opened.warnings = calendar_warnings(request.due, calendar);
    request.channel = options.channel;
    request.note = options.note;
    request.opened_at = stamp.at;
    request.opened_by = stamp.actor;
    store.write(stamp, [&](store::StoreWriter& writer) {
        // Numbered under the write lock, so that concurrent opens never share an id.
        request.year = received.year();
        request.number = writer.next_request_number(request.year);
        request.id = request_id(request.year, request.number);
        writer.insert_request(request);
        for (auto& task : opened.tasks) {
            task.request_id = request.id;
            writer.insert_task(task);
        }
        const auto restricted = std::count_if(opened.tasks.begin(), opened.tasks.end(), [](const Task& t) {
            return t.resolution == store::TaskResolution::restrict;
        });
        const auto not_applicable = std::count_if(opened.tasks.begin(), opened.tasks.end(), [](const Task& t) {
            return t.resolution == store::TaskResolution::not_applicable;
        });
        writer.append_audit({"request.open", request.id,
                             fmt::format("type={} received={} due={} tasks={} restrict={} not_applicable={}",
                                         to_string(request.type), request.received.to_string(),
                                         request.due.to_string(), opened.tasks.size(), restricted, not_applicable)});
    });
    return opened;
}

Changed extend_request(store::Store& store, const std::string& id, const ExtendOptions& options,
                       const time::HolidayCalendar& calendar, const store::ChangeStamp& stamp) {
    store::require_reason(options.reason, "--reason", "Art. 12(3): the reasons for the delay are told to the subject");
    if (options.informed_on.has_value() == options.via.empty())
        throw UsageError("--informed-on and --via go together: when and how the subject was told of the extension",
                         "pass both, or neither and record it later with `gdprctl request inform ID --on DATE --via "
                         "CHANNEL`");
    const time::Date today = stamp.date();
    Changed changed;
    Request& request = changed.request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        require_open(request, "extended");
        if (request.extended_on)
            throw Refusal(fmt::format("request {} was already extended on {}, to {}", id,
                                      request.extended_on->to_string(), request.due.to_string()),
                          "Art. 12(3) allows one extension, by two further months");
        if (today < request.received)
            throw Refusal(fmt::format("the extension of request {} would be dated {}, before the request was "
                                      "received ({})",
                                      id, today.to_string(), request.received.to_string()),
                          "an extension follows the request; check --as-of");
        const time::Date month_end = first_due(request.received, calendar);
        if (today > month_end)
            throw Refusal(fmt::format("request {} can no longer be extended: its first month ended on {}", id,
                                      month_end.to_string()),
                          "the subject must be told of an extension within the first month (Art. 12(3))");
        if (options.informed_on)
            require_date_between(*options.informed_on, today, "the extension", today, "--informed-on");
        request.due = extended_due(request.received, calendar);
        request.extended_on = today;
        request.subject_informed_on = options.informed_on;
        request.informed_via = options.via;
        request.extension_reason = options.reason;
        writer.update_request(request);
        writer.append_audit({"request.extend", id,
                             fmt::format("due={} subject_informed={}", request.due.to_string(),
                                         options.informed_on ? options.informed_on->to_string() : "not yet")});
    });
    changed.warnings = calendar_warnings(request.due, calendar);
    return changed;
}

Request inform_request(store::Store& store, const std::string& id, time::Date informed_on, const std::string& via,
                       const store::ChangeStamp& stamp) {
    if (via.find_first_not_of(" \t\n") == std::string::npos)
        throw UsageError("`request inform` needs --via: how the subject was told (letter, e-mail, portal...)");
    Request request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        if (!request.extended_on)
            throw Refusal(fmt::format("request {} was not extended; there is no extension to tell the subject of", id),
                          fmt::format("extend it with `gdprctl request extend {} --reason ...`", id));
        if (request.subject_informed_on)
            throw Refusal(fmt::format("the subject of request {} was already recorded as told of the extension on {}",
                                      id, request.subject_informed_on->to_string()));
        require_date_between(informed_on, *request.extended_on, "the extension", stamp.date(), "--on");
        request.subject_informed_on = informed_on;
        request.informed_via = via;
        writer.update_request(request);
        writer.append_audit({"request.inform", id, fmt::format("subject_informed={}", informed_on.to_string())});
    });
    return request;
}

Request verify_identity(store::Store& store, const std::string& id, const VerifyOptions& options,
                        const store::ChangeStamp& stamp) {
    if (!options.asked_on && !options.verified_on)
        throw UsageError("`request verify` needs --asked-on DATE, --verified-on DATE or both",
                         "--asked-on records asking for identification (Art. 12(6)); --verified-on records receiving it");
    const time::Date today = stamp.date();
    Request request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        require_open(request, "verified");
        if (options.asked_on) {
            if (request.identity_asked_on)
                throw Refusal(fmt::format("request {} already records identification asked for on {}", id,
                                          request.identity_asked_on->to_string()));
            require_date_between(*options.asked_on, request.received, "the request was received", today,
                                 "--asked-on");
            request.identity_asked_on = options.asked_on;
        }
        if (options.verified_on) {
            if (request.identity_verified_on)
                throw Refusal(fmt::format("request {} already records identity verified on {}", id,
                                          request.identity_verified_on->to_string()));
            if (request.identity_asked_on)
                require_date_between(*options.verified_on, *request.identity_asked_on, "identification was asked for",
                                     today, "--verified-on");
            else
                require_date_between(*options.verified_on, request.received, "the request was received", today,
                                     "--verified-on");
            request.identity_verified_on = options.verified_on;
        }
        writer.update_request(request);
        writer.append_audit(
            {"request.verify", id,
             fmt::format("asked={} verified={}",
                         request.identity_asked_on ? request.identity_asked_on->to_string() : "-",
                         request.identity_verified_on ? request.identity_verified_on->to_string() : "-")});
    });
    return request;
}

Request close_request(store::Store& store, const std::string& id, const CloseOptions& options,
                      const store::ChangeStamp& stamp) {
    const auto outcome = store::parse<store::Outcome>(options.outcome);
    if (!outcome) {
        auto hint = diag::did_you_mean(options.outcome, store::names<store::Outcome>());
        throw UsageError(fmt::format("unknown outcome `{}`; expected {}", options.outcome,
                                     diag::one_of(store::names<store::Outcome>())),
                         hint);
    }
    const bool art_12_5 = *outcome == store::Outcome::manifestly_unfounded || *outcome == store::Outcome::excessive;
    if (*outcome != store::Outcome::fulfilled) {
        store::require_reason(options.reason, "--reason",
                              art_12_5 ? "Art. 12(5): the controller bears the burden of demonstrating it"
                                       : "Art. 12(4): the subject is told why action was not taken");
        if (!options.remedies_told)
            throw UsageError(fmt::format("closing a request as {} needs --told-remedies", options.outcome),
                             "Art. 12(4): tell the subject of the right to complain to the supervisory authority "
                             "(Art. 77) and to a judicial remedy (Art. 79), then pass --told-remedies");
    }
    if (!options.fee.empty() && !art_12_5)
        throw UsageError("--fee is for manifestly unfounded or excessive requests (Art. 12(5)(a))",
                         "answers are otherwise free of charge (Art. 12(5))");
    if (options.fee.size() > 64) throw UsageError("--fee is longer than 64 characters", "write e.g. --fee \"EUR 25\"");
    Request request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        require_open(request, "closed again");
        store::require_not_before(stamp.at, request.opened_at, fmt::format("closing request {}", id), "its opening");
        if (*outcome == store::Outcome::fulfilled) {
            std::vector<std::string> open_tasks;
            for (const auto& task : writer.tasks_of(id))
                if (task.pending()) open_tasks.push_back(task_label(task));
            if (!open_tasks.empty())
                throw Refusal(fmt::format("request {} cannot be closed as fulfilled: {} task(s) open: {}", id,
                                          open_tasks.size(), fmt::join(open_tasks, ", ")),
                              fmt::format("mark each done with `gdprctl request task {} SYSTEM --done`, or close "
                                          "as partial with --reason",
                                          id));
        }
        request.status = store::RequestStatus::closed;
        request.outcome = *outcome;
        request.close_reason = options.reason;
        request.remedies_told = options.remedies_told;
        request.fee = options.fee;
        request.closed_at = stamp.at;
        writer.update_request(request);
        writer.append_audit({"request.close", id,
                             fmt::format("outcome={} overdue={}{}", options.outcome,
                                         stamp.date() > request.due ? "yes" : "no",
                                         options.remedies_told ? " remedies_told=yes" : "")});
    });
    return request;
}

RecomputeReport recompute_deadlines(store::Store& store, const time::HolidayCalendar& calendar, bool apply,
                                    const store::ChangeStamp& stamp) {
    RecomputeReport report;
    auto expected_due = [&](const Request& request) {
        return request.extended_on ? extended_due(request.received, calendar) : first_due(request.received, calendar);
    };
    auto collect = [&](store::StoreReader& reader) {
        store::RequestFilter filter;
        filter.status = store::RequestStatus::open;
        reader.for_each_request(filter, [&](const Request& request) {
            const time::Date due = expected_due(request);
            for (auto& warning : calendar_warnings(due, calendar))
                if (std::find(report.warnings.begin(), report.warnings.end(), warning) == report.warnings.end())
                    report.warnings.push_back(std::move(warning));
            if (due != request.due) report.changed.push_back({request.id, request.due, due});
            return true;
        });
    };
    if (!apply) {
        store.read(collect);
        return report;
    }
    store.write(stamp, [&](store::StoreWriter& writer) {
        collect(writer);
        for (const auto& change : report.changed) {
            auto request = require_request(writer, change.id);
            request.due = change.new_due;
            writer.update_request(request);
            writer.append_audit({"request.recompute", change.id,
                                 fmt::format("due={} was={}", change.new_due.to_string(), change.old_due.to_string())});
        }
    });
    report.applied = true;
    return report;
}

Task complete_task(store::Store& store, const std::string& id, const std::string& target, const std::string& note,
                   const store::ChangeStamp& stamp) {
    std::optional<TaskKind> wanted_kind;
    std::string wanted = target;
    if (auto colon = target.find(':'); colon != std::string::npos) {
        wanted_kind = store::parse<store::TaskKind>(target.substr(0, colon));
        if (!wanted_kind) throw UsageError(fmt::format("`{}` is not a task; prefixes are system: and notify:", target));
        wanted = target.substr(colon + 1);
    }
    Task done;
    store.write(stamp, [&](store::StoreWriter& writer) {
        const Request request = require_request(writer, id);
        require_open(request, "worked on");
        const auto tasks = writer.tasks_of(id);
        const Task* match = nullptr;
        for (const auto kind : {TaskKind::system, TaskKind::notify}) {
            if (wanted_kind && *wanted_kind != kind) continue;
            for (const auto& task : tasks)
                if (!match && task.kind == kind && task.target == wanted) match = &task;
        }
        if (!match) {
            std::vector<std::string> labels;
            for (const auto& task : tasks) labels.push_back(task_label(task));
            std::vector<std::string_view> views(labels.begin(), labels.end());
            auto hint = diag::did_you_mean(target, views);
            throw UsageError(fmt::format("request {} has no task `{}`", id, target),
                             !hint.empty()    ? hint
                             : labels.empty() ? std::string("this request has no tasks")
                                              : fmt::format("its tasks: {}", fmt::join(labels, ", ")));
        }
        if (match->done())
            throw Refusal(fmt::format("task {} of request {} was already done at {}", task_label(*match), id,
                                      match->done_at->to_string()));
        if (match->resolution == store::TaskResolution::not_applicable)
            throw Refusal(fmt::format("task {} of request {} is not applicable: {}", task_label(*match), id,
                                      match->grounds),
                          "there is nothing to do; the answer to the subject gives these reasons");
        store::require_not_before(stamp.at, request.opened_at, fmt::format("task {} of request {}", task_label(*match), id),
                           "the request was opened");
        done = *match;
        done.done_at = stamp.at;
        done.done_by = stamp.actor;
        done.note = note;
        writer.update_task(done);
        writer.append_audit({"request.task", id, fmt::format("{} done", task_label(done))});
    });
    return done;
}

RequestDetail show_request(store::Store& store, const std::string& id) {
    RequestDetail detail;
    store.read([&](store::StoreReader& reader) {
        detail.request = require_request(reader, id);
        detail.tasks = reader.tasks_of(id);
        detail.events = reader.audit_events_for(id);
    });
    return detail;
}

store::RequestFilter list_filter(const ListOptions& options, time::Date today) {
    store::RequestFilter filter;
    if (options.status != "all") {
        filter.status = store::parse<store::RequestStatus>(options.status);
        if (!filter.status)
            throw UsageError(fmt::format("--status `{}` is not a request status", options.status),
                             "use one of: open, closed, all");
    }
    const bool by_due = options.overdue || !options.due_within.empty();
    if (by_due && filter.status == store::RequestStatus::closed)
        throw UsageError("--overdue and --due-within list open requests; they cannot be combined with --status closed");
    if (!options.due_within.empty()) {
        filter.due_until = today.plus_days(parse_day_count(options.due_within, "--due-within"));
        if (!options.overdue) filter.due_from = today;
    } else if (options.overdue) {
        filter.due_until = today.plus_days(-1);
    }
    return filter;
}

void list_requests(store::Store& store, const store::RequestFilter& filter,
                   const std::function<void(const Request&)>& visit) {
    store.read([&](store::StoreReader& reader) {
        reader.for_each_request(filter, [&](const Request& request) {
            visit(request);
            return true;
        });
    });
}

SubjectReport show_subject(store::Store& store, const std::string& subject) {
    check_subject_id(subject);
    SubjectReport report;
    report.subject = subject;
    store.read([&](store::StoreReader& reader) {
        for (auto& request : reader.requests_of_subject(subject)) {
            RequestDetail detail;
            detail.tasks = reader.tasks_of(request.id);
            detail.events = reader.audit_events_for(request.id);
            detail.request = std::move(request);
            report.requests.push_back(std::move(detail));
        }
        report.consents = reader.consent_events_of(subject);
    });
    return report;
}

ErasureReport erase_subject(store::Store& store, const std::string& subject, const EraseOptions& options,
                            const store::ChangeStamp& stamp) {
    check_subject_id(subject);
    if (options.force) store::require_reason(options.reason, "--reason", "why the subject is erased with requests open");
    if (!options.force && !options.reason.empty())
        throw UsageError("--reason goes with --force", "pass --force --reason \"...\" to erase with requests open");
    ErasureReport report;
    store.write(stamp, [&](store::StoreWriter& writer) {
        std::vector<std::string> open;
        for (const auto& request : writer.requests_of_subject(subject))
            if (request.status == store::RequestStatus::open) open.push_back(request.id);
        if (!open.empty() && !options.force)
            throw Refusal(fmt::format("the subject has {} open request(s): {}; erasing now would leave them without "
                                      "an addressee",
                                      open.size(), fmt::join(open, ", ")),
                          "close them first, or pass --force --reason \"...\" (recorded in the audit trail; do not "
                          "name the person)");
        const auto counts = writer.erase_subject(subject, stamp.at);
        if (!open.empty())
            writer.append_audit({"subject.erase.forced", fmt::format("{}", fmt::join(open, ",")),
                                 fmt::format("erased with {} open request(s): {}", open.size(), options.reason)});
        report.request_ids = counts.request_ids;
        report.task_notes_cleared = counts.tasks_cleared;
        // One event per request: the trail names requests, never the person.
        for (const auto& id : counts.request_ids)
            writer.append_audit({"subject.erase", id, "identifier and free text erased; pseudonymous record kept"});
        const auto consents = writer.erase_consent_subject(subject, options.keep_withdrawal_proof, stamp.at);
        report.consent_events_removed = consents.events_removed;
        report.withdrawal_proofs_kept = consents.proofs_kept;
        // The removed events leave no id to name; the kept proofs are named one by one.
        if (consents.events_removed)
            writer.append_audit({"subject.erase", "consent",
                                 fmt::format("{} consent event(s) removed", consents.events_removed)});
        for (auto id : consents.proofs_kept)
            writer.append_audit({"subject.erase", fmt::format("CON-{}", id),
                                 "identifier and free text erased; pseudonymous proof of withdrawal kept"});
    });
    report.purge = store.purge_after_erasure();
    return report;
}

}  // namespace gdprctl::requests
