#include "output/request_formats.hpp"

#include "output/terminal.hpp"

#include <fmt/format.h>

#include <memory>
#include <sstream>

namespace gdprctl::output {
namespace {

// Store text (subjects, notes, --by, register ids) reaches the terminal only escaped.
std::string esc(std::string_view text) { return terminal_escape(text); }

std::string task_label(const store::Task& task) {
    return task.kind == store::TaskKind::system ? task.target : fmt::format("notify:{}", task.target);
}

void optional_field(JsonWriter& json, std::string_view name, const std::optional<time::Date>& date) {
    json.key(name);
    if (date)
        json.value(date->to_string());
    else
        json.null();
}

void optional_field(JsonWriter& json, std::string_view name, const std::optional<time::DateTime>& instant) {
    json.key(name);
    if (instant)
        json.value(instant->to_string());
    else
        json.null();
}

void write_task_json(JsonWriter& json, const store::Task& task) {
    json.begin_object();
    json.field("kind", store::to_string(task.kind));
    json.field("target", task.target);
    if (!task.via.empty()) json.field("via", task.via);
    json.field("resolution", store::to_string(task.resolution));
    if (!task.grounds.empty()) json.field("grounds", task.grounds);
    json.field("done", task.done());
    optional_field(json, "done_at", task.done_at);
    if (task.done()) json.field("done_by", task.done_by);
    json.field("note", task.note);
    json.end_object();
}

void write_tasks_text(std::ostream& out, const std::vector<store::Task>& tasks) {
    if (tasks.empty()) {
        out << "  tasks:    none (no system of the register matches)\n";
        return;
    }
    out << "  tasks:\n";
    for (const auto& task : tasks) {
        std::string what = task.kind == store::TaskKind::system
                               ? fmt::format("system {}", esc(task.target))
                               : fmt::format("notify recipient {} (Art. 19; via {})", esc(task.target), esc(task.via));
        const bool not_applicable = task.resolution == store::TaskResolution::not_applicable;
        out << fmt::format("    [{}] {}", task.done() ? "x" : not_applicable ? "-" : " ", what);
        if (task.resolution == store::TaskResolution::restrict) out << ": RESTRICT, do not erase";
        if (not_applicable) out << ": not applicable";
        if (task.done()) out << fmt::format(" - done {} by {}", task.done_at->to_string(), esc(task.done_by));
        if (!task.note.empty()) out << fmt::format(" - {}", esc(task.note));
        out << "\n";
        if (!task.grounds.empty()) out << fmt::format("        {}\n", esc(task.grounds));
    }
}

std::string state_of(const store::Request& request, time::Date today) {
    if (request.status == store::RequestStatus::closed)
        return fmt::format("closed ({})", request.outcome ? store::to_string(*request.outcome) : "closed");
    if (requests::is_overdue(request, today)) return "open, OVERDUE";
    return "open";
}

// A request with its tasks and audit events: `request show` and `subject show` print the same.
void write_request_detail_object(JsonWriter& json, const requests::RequestDetail& detail, time::Date today) {
    json.begin_object();
    write_request_fields(json, detail.request, today);
    json.key("tasks").begin_array();
    for (const auto& task : detail.tasks) write_task_json(json, task);
    json.end_array();
    json.key("audit").begin_array();
    for (const auto& event : detail.events) write_audit_event_json(json, event);
    json.end_array();
    json.end_object();
}

}  // namespace

void write_opened_text(std::ostream& out, const requests::Opened& opened) {
    const auto& request = opened.request;
    out << fmt::format("{}  {} request opened; received {}, due {}\n", request.id, model::to_string(request.type),
                       request.received.to_string(), request.due.to_string());
    write_tasks_text(out, opened.tasks);
}

void write_opened_json(std::ostream& out, const requests::Opened& opened) {
    JsonWriter json(out);
    json.begin_object();
    write_request_fields(json, opened.request, opened.request.opened_at.date());
    json.key("tasks").begin_array();
    for (const auto& task : opened.tasks) write_task_json(json, task);
    json.end_array();
    json.end_object();
}

void write_request_fields(JsonWriter& json, const store::Request& request, time::Date today) {
    json.field("id", request.id);
    json.field("type", model::to_string(request.type));
    json.key("subject");
    if (request.subject)
        json.value(*request.subject);
    else
        json.null();
    json.field("subject_kind", request.subject_kind);
    json.field("received", request.received.to_string());
    json.field("due", request.due.to_string());
    json.field("status", store::to_string(request.status));
    json.field("overdue", requests::is_overdue(request, today));
    json.field("channel", request.channel);
    json.field("note", request.note);
    json.field("opened_at", request.opened_at.to_string());
    json.field("opened_by", request.opened_by);
    optional_field(json, "extended_on", request.extended_on);
    json.field("extension_reason", request.extension_reason);
    optional_field(json, "subject_informed_on", request.subject_informed_on);
    json.field("informed_via", request.informed_via);
    optional_field(json, "identity_asked_on", request.identity_asked_on);
    optional_field(json, "identity_verified_on", request.identity_verified_on);
    json.key("verification_days");
    if (auto days = requests::verification_days(request))
        json.value(static_cast<std::int64_t>(*days));
    else
        json.null();
    json.key("outcome");
    if (request.outcome)
        json.value(store::to_string(*request.outcome));
    else
        json.null();
    json.field("close_reason", request.close_reason);
    json.field("remedies_told", request.remedies_told);
    json.field("fee", request.fee);
    optional_field(json, "closed_at", request.closed_at);
    optional_field(json, "erased_at", request.erased_at);
}

void write_request_detail_text(std::ostream& out, const requests::RequestDetail& detail, time::Date today) {
    const auto& r = detail.request;
    out << fmt::format("{}  {} request, {}\n", r.id, model::to_string(r.type), state_of(r, today));
    out << fmt::format("  subject:  {}{}\n", esc(r.subject.value_or("(erased)")),
                       r.subject_kind.empty() ? "" : fmt::format(" ({})", esc(r.subject_kind)));
    out << fmt::format("  received: {}{}\n", r.received.to_string(),
                       r.channel.empty() ? "" : fmt::format(" via {}", esc(r.channel)));
    out << fmt::format("  due:      {}\n", r.due.to_string());
    if (r.extended_on)
        out << fmt::format("  extended: on {}, subject informed {}{}: {}\n", r.extended_on->to_string(),
                           r.subject_informed_on ? r.subject_informed_on->to_string() : "not yet",
                           r.informed_via.empty() ? "" : fmt::format(" via {}", esc(r.informed_via)),
                           esc(r.extension_reason));
    if (r.identity_asked_on || r.identity_verified_on) {
        out << fmt::format("  identity: asked {}, verified {}", r.identity_asked_on ? r.identity_asked_on->to_string() : "-",
                           r.identity_verified_on ? r.identity_verified_on->to_string() : "not yet");
        if (auto days = requests::verification_days(r))
            out << fmt::format(" ({} day(s); the deadline still runs from receipt)", *days);
        out << "\n";
    }
    if (!r.note.empty()) out << fmt::format("  note:     {}\n", esc(r.note));
    if (r.closed_at)
        out << fmt::format("  closed:   {} as {}{}\n", r.closed_at->to_string(),
                           r.outcome ? store::to_string(*r.outcome) : "?",
                           r.close_reason.empty() ? "" : fmt::format(": {}", esc(r.close_reason)));
    if (r.remedies_told) out << "  told:     the right to complain (Art. 77) and to a judicial remedy (Art. 79)\n";
    if (!r.fee.empty()) out << fmt::format("  fee:      {} (Art. 12(5)(a))\n", esc(r.fee));
    if (r.erased_at)
        out << fmt::format("  erased:   {} (identifier and free text removed)\n", r.erased_at->to_string());
    write_tasks_text(out, detail.tasks);
    if (!detail.events.empty()) {
        out << "  audit:\n";
        for (const auto& event : detail.events) {
            out << "    ";
            write_audit_event_text(out, event);
        }
    }
}

void write_request_detail_json(std::ostream& out, const requests::RequestDetail& detail, time::Date today) {
    JsonWriter json(out);
    write_request_detail_object(json, detail, today);
}

namespace {

// A request list row says, when a holiday calendar is given, whether an extension was not told
// within the first month (Art. 12(3)).
std::optional<std::string> extension_problem_of(const store::Request& request, time::Date today,
                                                const time::HolidayCalendar* calendar) {
    if (!calendar) return std::nullopt;
    return requests::extension_problem(request, today, *calendar);
}

// Text rows are formatted into a buffer handed to `out` in large blocks (JsonWriter buffers
// likewise): small writes to a stdio-synchronised std::cout would cost more than the query.
class RequestListText final : public RowWriter<store::Request> {
public:
    RequestListText(std::ostream& out, time::Date today, const time::HolidayCalendar* calendar)
        : out_(out), today_(today), calendar_(calendar) {}
    void row(const store::Request& request) override {
        ++count_;
        buffer_ << fmt::format("{:<14} {:<13} {:<10} due {}  {}", request.id, model::to_string(request.type),
                               esc(request.subject.value_or("(erased)")), request.due.to_string(),
                               state_of(request, today_));
        if (auto problem = extension_problem_of(request, today_, calendar_))
            buffer_ << fmt::format("  EXTENSION NOT TOLD: {}", *problem);
        buffer_ << "\n";
        if (buffer_.tellp() >= (1 << 16)) flush();
    }
    void end() override {
        if (count_ == 0) buffer_ << "no requests match\n";
        flush();
    }

private:
    void flush() {
        const std::string block = buffer_.str();
        out_.write(block.data(), static_cast<std::streamsize>(block.size()));
        buffer_.str({});
    }
    std::ostream& out_;
    std::ostringstream buffer_;
    time::Date today_;
    const time::HolidayCalendar* calendar_;
    std::size_t count_ = 0;
};

class RequestListJson final : public RowWriter<store::Request> {
public:
    RequestListJson(std::ostream& out, time::Date today, const time::HolidayCalendar* calendar)
        : json_(out), today_(today), calendar_(calendar) {
        json_.begin_array();
    }
    void row(const store::Request& request) override {
        json_.begin_object();
        write_request_fields(json_, request, today_);
        if (calendar_) {
            json_.key("extension_problem");
            if (auto problem = extension_problem_of(request, today_, calendar_))
                json_.value(*problem);
            else
                json_.null();
        }
        json_.end_object();
    }
    void end() override { json_.end_array(); }  // written out when the writer is destroyed

private:
    JsonWriter json_;
    time::Date today_;
    const time::HolidayCalendar* calendar_;
};

class AuditLogText final : public RowWriter<store::AuditEvent> {
public:
    explicit AuditLogText(std::ostream& out) : out_(out) {}
    void row(const store::AuditEvent& event) override { write_audit_event_text(out_, event); }
    void end() override {}

private:
    std::ostream& out_;
};

class AuditLogJson final : public RowWriter<store::AuditEvent> {
public:
    explicit AuditLogJson(std::ostream& out) : json_(out) { json_.begin_array(); }
    void row(const store::AuditEvent& event) override { write_audit_event_json(json_, event); }
    void end() override { json_.end_array(); }  // written out when the writer is destroyed

private:
    JsonWriter json_;
};

}  // namespace

void write_task_done_text(std::ostream& out, const store::Task& task) {
    out << fmt::format("{}: task {} done\n", task.request_id, esc(task_label(task)));
}

void write_task_done_json(std::ostream& out, const store::Task& task) {
    JsonWriter writer(out);
    writer.begin_object();
    writer.field("request", task.request_id);
    writer.key("task");
    write_task_json(writer, task);
    writer.end_object();
}

void write_request_changed_text(std::ostream& out, const store::Request& request, const std::string& what,
                                time::Date) {
    out << fmt::format("{}: {}\n", request.id, what);
}

void write_request_changed_json(std::ostream& out, const store::Request& request, const std::string&,
                                time::Date today) {
    JsonWriter writer(out);
    writer.begin_object();
    write_request_fields(writer, request, today);
    writer.end_object();
}

void write_subject_text(std::ostream& out, const requests::SubjectReport& report, time::Date today) {
    if (report.requests.empty() && report.consents.empty()) {
        out << "The store holds nothing about this subject.\n";
        return;
    }
    if (!report.requests.empty())
        out << fmt::format("The store holds {} request(s) about this subject:\n\n", report.requests.size());
    for (const auto& detail : report.requests) {
        write_request_detail_text(out, detail, today);
        out << "\n";
    }
    if (!report.consents.empty()) {
        out << fmt::format("Consent ledger: {} event(s):\n", report.consents.size());
        for (const auto& event : report.consents)
            out << fmt::format("  CON-{}  {}  {:<9} {}{}\n", event.id, event.at.to_string(), to_string(event.action),
                               terminal_escape(event.purpose),
                               event.evidence.empty() ? "" : "  evidence: " + terminal_escape(event.evidence));
    }
}

void write_subject_json(std::ostream& out, const requests::SubjectReport& report, time::Date today) {
    JsonWriter json(out);
    json.begin_object();
    json.field("subject", report.subject);
    json.key("requests").begin_array();
    for (const auto& detail : report.requests) write_request_detail_object(json, detail, today);
    json.end_array();
    json.key("consents").begin_array();
    for (const auto& event : report.consents) {
        json.begin_object();
        json.field("id", fmt::format("CON-{}", event.id));
        json.field("purpose", event.purpose);
        json.field("state", to_string(event.action));
        json.field("at", event.at.to_string());
        json.field("evidence", event.evidence);
        json.field("method", event.method);
        json.field("notice_version", event.notice_version);
        json.field("source", event.source);
        json.field("channel", event.channel);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

namespace {
constexpr std::string_view kept_reason =
    "a pseudonymous record of each request (type, dates, outcome, tasks) without the identifier: the controller "
    "must be able to show that requests were answered and when (accountability, Art. 5(2); Art. 12(3))";
constexpr std::string_view proof_reason =
    "proof that a withdrawal was received and when, for the purpose named (settings.keep_withdrawal_proof; "
    "Art. 7(1) and 7(3))";
constexpr std::string_view audit_reason =
    "the audit trail names requests by id and never held the identifier; its events stay so that the hash chain "
    "still verifies";
}  // namespace

void write_erasure_json(std::ostream& out, const requests::ErasureReport& report) {
    {
        JsonWriter writer(out);
        writer.begin_object();
        writer.field("erased", !report.request_ids.empty() || report.consent_events_removed ||
                                   !report.withdrawal_proofs_kept.empty());
        writer.strings("requests_kept_pseudonymously", report.request_ids);
        writer.field("task_notes_cleared", report.task_notes_cleared);
        writer.field("history_purged", report.purge.complete);
        if (!report.purge.remains.empty()) writer.field("remains", report.purge.remains);
        writer.key("kept").begin_array();
        if (!report.request_ids.empty()) {
            writer.begin_object().field("what", "request records without identifier").field("why", kept_reason);
            writer.end_object();
        }
        if (!report.withdrawal_proofs_kept.empty()) {
            writer.begin_object().field("what", "consent withdrawals without identifier").field("why", proof_reason);
            writer.end_object();
        }
        writer.begin_object().field("what", "audit events").field("why", audit_reason).end_object();
        writer.end_array();
        writer.field("consent_events_removed", report.consent_events_removed);
        writer.field("withdrawal_proofs_kept", report.withdrawal_proofs_kept.size());
        writer.end_object();
    }
}

void write_erasure_text(std::ostream& out, const requests::ErasureReport& report) {
    const bool consents = report.consent_events_removed || !report.withdrawal_proofs_kept.empty();
    if (consents)
        out << fmt::format("Removed {} consent event(s){}.\n", report.consent_events_removed,
                           report.withdrawal_proofs_kept.empty()
                               ? std::string()
                               : fmt::format("; kept {} withdrawal(s) without identifier or evidence: {}",
                                             report.withdrawal_proofs_kept.size(), proof_reason));
    if (report.request_ids.empty() && !consents) {
        out << "The store held nothing about this subject; nothing was erased.\n";
    } else if (!report.request_ids.empty()) {
        out << fmt::format("Erased the identifier, channel, notes and reasons of {} request(s) and {} task note(s).\n",
                           report.request_ids.size(), report.task_notes_cleared);
        out << fmt::format("Kept: {} ({}): {}.\n", fmt::join(report.request_ids, ", "),
                           "request records without identifier", kept_reason);
    }
    out << fmt::format("Kept: audit events: {}.\n", audit_reason);
    if (!report.purge.remains.empty())
        out << fmt::format("{}: copies of the erased data remain in {}.\n",
                           report.purge.complete ? "Note" : "Warning", report.purge.remains);
}

void write_audit_event_text(std::ostream& out, const store::AuditEvent& event) {
    out << fmt::format("#{} {} {} {} {} {}", event.seq, event.at.to_string(), esc(event.actor), esc(event.action),
                       esc(event.target), esc(event.details));
    if (!event.backdate_reason.empty())
        out << fmt::format(" [BACKDATED, recorded {}: {}]", event.recorded_at ? event.recorded_at->to_string() : "?",
                           esc(event.backdate_reason));
    out << "\n";
}

void write_audit_event_json(JsonWriter& json, const store::AuditEvent& event) {
    json.begin_object();
    json.field("seq", static_cast<std::int64_t>(event.seq));
    json.field("at", event.at.to_string());
    json.field("actor", event.actor);
    json.field("action", event.action);
    json.field("target", event.target);
    json.field("details", event.details);
    optional_field(json, "recorded_at", event.recorded_at);
    json.field("backdated", !event.backdate_reason.empty());
    if (!event.backdate_reason.empty()) json.field("backdate_reason", event.backdate_reason);
    json.field("hash", event.hash);
    json.end_object();
}

void write_verify_text(std::ostream& out, const store::VerifyResult& result) {
    if (result.ok) {
        out << fmt::format("audit trail intact: {} event(s){}, every link verified; {} request(s) match the events "
                           "that changed them{}\n",
                           result.events_checked,
                           result.keyed_events > 0 ? fmt::format(" ({} keyed)", result.keyed_events) : "",
                           result.records_checked,
                           result.expected ? fmt::format("; anchor {} holds", store::format_head(*result.expected))
                                           : "");
        return;
    }
    if (!result.problem.empty())
        out << fmt::format("audit trail BROKEN at event {}: {}\n", result.broken_seq, result.problem);
    for (const auto& problem : result.time_problems)
        out << fmt::format("audit trail time out of order: {}\n", problem);
}

void write_verify_json(std::ostream& out, const store::VerifyResult& result) {
    JsonWriter writer(out);
    writer.begin_object();
    writer.field("ok", result.ok);
    writer.field("events_checked", static_cast<std::int64_t>(result.events_checked));
    writer.field("keyed_events", static_cast<std::int64_t>(result.keyed_events));
    writer.field("records_checked", static_cast<std::int64_t>(result.records_checked));
    if (!result.problem.empty()) {
        writer.field("broken_event", static_cast<std::int64_t>(result.broken_seq));
        writer.field("problem", result.problem);
    }
    writer.strings("time_problems", result.time_problems);
    writer.end_object();
}

namespace {
// The head of an empty trail is the genesis hash at sequence 0.
std::string head_text(const std::optional<store::AuditHead>& head) {
    return head ? store::format_head(*head) : fmt::format("0:{}", store::genesis_hash);
}
}  // namespace

void write_audit_head_text(std::ostream& out, const std::optional<store::AuditHead>& head) {
    out << head_text(head) << '\n';
}

void write_audit_head_json(std::ostream& out, const std::optional<store::AuditHead>& head) {
    JsonWriter writer(out);
    writer.begin_object();
    writer.field("seq", static_cast<std::int64_t>(head ? head->seq : 0));
    writer.field("hash", head ? head->hash : std::string(store::genesis_hash));
    writer.field("head", head_text(head));
    writer.end_object();
}

void write_recompute_text(std::ostream& out, const requests::RecomputeReport& report) {
    if (report.changed.empty()) {
        out << "Every open request's due date agrees with the holiday calendar.\n";
        return;
    }
    for (const auto& change : report.changed)
        out << fmt::format("{}: due {} -> {}\n", change.id, change.old_due.to_string(), change.new_due.to_string());
    out << (report.applied ? fmt::format("{} due date(s) recomputed (audited).\n", report.changed.size())
                           : fmt::format("{} due date(s) would change; run `gdprctl request recompute --apply`.\n",
                                         report.changed.size()));
}

void write_recompute_json(std::ostream& out, const requests::RecomputeReport& report) {
    JsonWriter writer(out);
    writer.begin_object();
    writer.field("applied", report.applied);
    writer.key("changed").begin_array();
    for (const auto& change : report.changed)
        writer.begin_object()
            .field("id", change.id)
            .field("old_due", change.old_due.to_string())
            .field("new_due", change.new_due.to_string())
            .end_object();
    writer.end_array();
    writer.strings("warnings", report.warnings);
    writer.end_object();
}

namespace {

template <typename Row, typename Writer>
std::unique_ptr<RowWriter<Row>> make_list(std::ostream& out, time::Date today, const time::HolidayCalendar* calendar) {
    return std::make_unique<Writer>(out, today, calendar);
}

template <typename Row, typename Writer>
std::unique_ptr<RowWriter<Row>> make_log(std::ostream& out) {
    return std::make_unique<Writer>(out);
}

constexpr Format<OpenedWriter> opened_rows[]{{"text", "", write_opened_text}, {"json", "", write_opened_json}};
constexpr Format<RequestDetailWriter> detail_rows[]{{"text", "", write_request_detail_text},
                                                    {"json", "", write_request_detail_json}};
constexpr Format<RequestListFactory> list_rows[]{
    {"text", "", make_list<store::Request, RequestListText>},
    {"json", "", make_list<store::Request, RequestListJson>},
};
constexpr Format<TaskDoneWriter> task_rows[]{{"text", "", write_task_done_text}, {"json", "", write_task_done_json}};
constexpr Format<ChangedWriter> changed_rows[]{{"text", "", write_request_changed_text},
                                               {"json", "", write_request_changed_json}};
constexpr Format<SubjectWriter> subject_rows[]{{"text", "", write_subject_text}, {"json", "", write_subject_json}};
constexpr Format<ErasureWriter> erasure_rows[]{{"text", "", write_erasure_text}, {"json", "", write_erasure_json}};
constexpr Format<AuditLogFactory> audit_log_rows[]{
    {"text", "", make_log<store::AuditEvent, AuditLogText>},
    {"json", "", make_log<store::AuditEvent, AuditLogJson>},
};
constexpr Format<VerifyWriter> verify_rows[]{{"text", "", write_verify_text}, {"json", "", write_verify_json}};
constexpr Format<AuditHeadWriter> audit_head_rows[]{{"text", "", write_audit_head_text},
                                                   {"json", "", write_audit_head_json}};
constexpr Format<RecomputeWriter> recompute_rows[]{{"text", "", write_recompute_text},
                                                   {"json", "", write_recompute_json}};

}  // namespace

FormatTable<OpenedWriter> opened_formats() { return opened_rows; }
FormatTable<RequestDetailWriter> request_detail_formats() { return detail_rows; }
FormatTable<RequestListFactory> request_list_formats() { return list_rows; }
FormatTable<TaskDoneWriter> task_done_formats() { return task_rows; }
FormatTable<ChangedWriter> request_changed_formats() { return changed_rows; }
FormatTable<SubjectWriter> subject_formats() { return subject_rows; }
FormatTable<ErasureWriter> erasure_formats() { return erasure_rows; }
FormatTable<AuditLogFactory> audit_log_formats() { return audit_log_rows; }
FormatTable<VerifyWriter> verify_formats() { return verify_rows; }
FormatTable<AuditHeadWriter> audit_head_formats() { return audit_head_rows; }
FormatTable<RecomputeWriter> recompute_formats() { return recompute_rows; }

}  // namespace gdprctl::output
