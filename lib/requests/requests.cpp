#include "requests/requests.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
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

}  // namespace

time::Date first_due(time::Date received, const time::HolidayCalendar& calendar) {
    return time::period_end_months(received, 1, calendar);
}

time::Date extended_due(time::Date received, const time::HolidayCalendar& calendar) {
    return time::period_end_months(received, 3, calendar);
}

bool is_overdue(const Request& request, time::Date today) {
    return request.status == store::RequestStatus::open && today > request.due;
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
        if (std::none_of(tasks.begin(), tasks.end(), [&](const Task& t) { return t.target == system.id; }))
            tasks.push_back(task);
        if (needs_recipient_notice(type))
            for (const auto& recipient : system.recipients) notices[recipient].push_back(system.id);
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
    const auto type = model::parse_right(options.type);
    if (!type) {
        auto hint = diag::did_you_mean(options.type, model::right_names());
        throw UsageError(fmt::format("unknown request type `{}`; expected {}", options.type,
                                     diag::one_of(model::right_names())),
                         hint.empty() ? "the six rights of Art. 15-21 each have a type" : hint);
    }
    check_subject_id(options.subject);
    const time::Date today = stamp.at.date();
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
    const time::HolidayCalendar calendar(reg.settings.holidays);

    Opened opened;
    opened.tasks = plan_tasks(reg, *type, options.subject_kind);
    Request& request = opened.request;
    request.type = *type;
    request.subject = options.subject;
    request.subject_kind = options.subject_kind;
    request.received = received;
    request.due = first_due(received, calendar);
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
        writer.append_audit({"request.open", request.id,
                             fmt::format("type={} received={} due={} tasks={}", to_string(request.type),
                                         request.received.to_string(), request.due.to_string(), opened.tasks.size())});
    });
    return opened;
}

Request extend_request(store::Store& store, const std::string& id, const std::string& reason,
                       const time::HolidayCalendar& calendar, const store::ChangeStamp& stamp) {
    if (reason.find_first_not_of(" \t\n") == std::string::npos)
        throw UsageError("an extension needs a reason (Art. 12(3))",
                         "pass --reason TEXT: the reason is what the subject is told");
    const time::Date today = stamp.at.date();
    Request request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        require_open(request, "extended");
        if (request.extended_on)
            throw Refusal(fmt::format("request {} was already extended on {}, to {}", id,
                                      request.extended_on->to_string(), request.due.to_string()),
                          "Art. 12(3) allows one extension, by two further months");
        const time::Date month_end = first_due(request.received, calendar);
        if (today > month_end)
            throw Refusal(fmt::format("request {} can no longer be extended: its first month ended on {}", id,
                                      month_end.to_string()),
                          "the subject must be told of an extension within the first month (Art. 12(3))");
        request.due = extended_due(request.received, calendar);
        request.extended_on = today;
        request.subject_informed_on = today;
        request.extension_reason = reason;
        writer.update_request(request);
        writer.append_audit({"request.extend", id,
                             fmt::format("due={} subject_informed={}", request.due.to_string(), today.to_string())});
    });
    return request;
}

Request close_request(store::Store& store, const std::string& id, const std::string& outcome_text,
                      const std::string& reason, const store::ChangeStamp& stamp) {
    const auto outcome = store::parse_outcome(outcome_text);
    if (!outcome) {
        auto hint = diag::did_you_mean(outcome_text, store::outcome_names());
        throw UsageError(
            fmt::format("unknown outcome `{}`; expected {}", outcome_text, diag::one_of(store::outcome_names())), hint);
    }
    const bool blank_reason = reason.find_first_not_of(" \t\n") == std::string::npos;
    if (*outcome != store::Outcome::fulfilled && blank_reason)
        throw UsageError(fmt::format("closing a request as {} needs --reason", outcome_text),
                         "Art. 12(4): tell the subject why action was not taken, and of the right to complain "
                         "to the supervisory authority");
    Request request;
    store.write(stamp, [&](store::StoreWriter& writer) {
        request = require_request(writer, id);
        require_open(request, "closed again");
        if (*outcome == store::Outcome::fulfilled) {
            std::vector<std::string> open_tasks;
            for (const auto& task : writer.tasks_of(id))
                if (!task.done()) open_tasks.push_back(task_label(task));
            if (!open_tasks.empty())
                throw Refusal(fmt::format("request {} cannot be closed as fulfilled: {} task(s) open: {}", id,
                                          open_tasks.size(), fmt::join(open_tasks, ", ")),
                              fmt::format("mark each done with `gdprctl request task {} SYSTEM --done`, or close "
                                          "as partial with --reason",
                                          id));
        }
        request.status = store::RequestStatus::closed;
        request.outcome = *outcome;
        request.close_reason = reason;
        request.closed_at = stamp.at;
        writer.update_request(request);
        writer.append_audit(
            {"request.close", id,
             fmt::format("outcome={} overdue={}", outcome_text, stamp.at.date() > request.due ? "yes" : "no")});
    });
    return request;
}

Task complete_task(store::Store& store, const std::string& id, const std::string& target, const std::string& note,
                   const store::ChangeStamp& stamp) {
    std::optional<TaskKind> wanted_kind;
    std::string wanted = target;
    if (auto colon = target.find(':'); colon != std::string::npos) {
        wanted_kind = store::parse_task_kind(target.substr(0, colon));
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
        filter.status = store::parse_request_status(options.status);
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
    });
    return report;
}

ErasureReport erase_subject(store::Store& store, const std::string& subject, const store::ChangeStamp& stamp) {
    check_subject_id(subject);
    ErasureReport report;
    store.write(stamp, [&](store::StoreWriter& writer) {
        const auto counts = writer.erase_subject(subject, stamp.at);
        report.request_ids = counts.request_ids;
        report.task_notes_cleared = counts.tasks_cleared;
        // One event per request: the trail names requests, never the person.
        for (const auto& id : counts.request_ids)
            writer.append_audit({"subject.erase", id, "identifier and free text erased; pseudonymous record kept"});
    });
    report.history_purged = store.checkpoint_wal_after_erasure();
    return report;
}

}  // namespace gdprctl::requests
