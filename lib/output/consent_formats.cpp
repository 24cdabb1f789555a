#include "output/consent_formats.hpp"

#include "output/json_writer.hpp"
#include "output/terminal.hpp"
#include "output/csv.hpp"

#include <fmt/format.h>

#include <sstream>

namespace gdprctl::output {
namespace {

using consent::event_id;

void write_event_fields(JsonWriter& json, const store::ConsentEvent& event) {
    json.field("id", event_id(event.id));
    if (event.subject)
        json.field("subject", *event.subject);
    else
        json.key("subject").null();
    json.field("purpose", event.purpose);
    json.field("state", to_string(event.action));
    json.field("at", event.at.to_string());
    json.field("evidence", event.evidence);
    json.field("method", event.method);
    json.field("notice_version", event.notice_version);
    json.field("source", event.source);
    json.field("channel", event.channel);
    json.field("recorded_at", event.recorded_at.to_string());
    json.field("recorded_by", event.recorded_by);
}

void write_task_fields(JsonWriter& json, const store::ConsentTask& task) {
    json.field("withdrawal", event_id(task.event_id));
    json.field("kind", to_string(task.kind));
    json.field("target", task.target);
    if (task.done_at) {
        json.field("done_at", task.done_at->to_string());
        json.field("done_by", task.done_by);
    } else {
        json.key("done_at").null();
    }
}

std::string task_text(const store::ConsentTask& task) {
    return task.kind == store::TaskKind::system
               ? fmt::format("stop using it in system {}", terminal_escape(task.target))
               : fmt::format("tell recipient {} (Art. 7(3), policy 4.4)", terminal_escape(task.target));
}

void recorded_text(std::ostream& out, const consent::Recorded& r) {
    const auto& e = r.event;
    if (e.action == store::ConsentAction::given) {
        out << fmt::format("{}: consent to {} given at {}, recorded\n", event_id(e.id), terminal_escape(e.purpose),
                           e.at.to_string());
        return;
    }
    out << fmt::format("{}: consent to {} withdrawn at {}\n", event_id(e.id), terminal_escape(e.purpose),
                       e.at.to_string());
    if (!r.had_consent)
        out << "  note: no consent to this purpose was recorded for this subject; the withdrawal is kept all the same\n";
    out << fmt::format("  {} propagation task(s):\n", r.tasks.size());
    for (const auto& task : r.tasks) out << "    " << task_text(task) << "\n";
    out << fmt::format("  mark each done with `gdprctl consent task {} TARGET`\n", event_id(e.id));
}

void recorded_json(std::ostream& out, const consent::Recorded& r) {
    JsonWriter json(out);
    json.begin_object();
    write_event_fields(json, r.event);
    if (r.event.action == store::ConsentAction::withdrawn) {
        json.field("had_consent", r.had_consent);
        json.key("tasks").begin_array();
        for (const auto& task : r.tasks) {
            json.begin_object();
            write_task_fields(json, task);
            json.end_object();
        }
        json.end_array();
    }
    json.end_object();
    out << "\n";
}

void status_text(std::ostream& out, const StatusResult& s) {
    if (s.states.empty()) {
        out << "no consent events recorded for this subject\n";
        return;
    }
    for (const auto& state : s.states)
        out << fmt::format("{:<32} {:<9} since {} ({})\n", terminal_escape(state.purpose), to_string(state.state),
                           state.at.to_string(), event_id(state.event_id));
}

void status_json(std::ostream& out, const StatusResult& s) {
    JsonWriter json(out);
    json.begin_array();
    for (const auto& state : s.states) {
        json.begin_object();
        json.field("purpose", state.purpose);
        json.field("state", to_string(state.state));
        json.field("at", state.at.to_string());
        json.field("event", event_id(state.event_id));
        json.end_object();
    }
    json.end_array();
    out << "\n";
}

// The subject's history in the shape of an ISO/IEC TS 27560 consent record: the record, the
// PII principal, the controller, and per purpose its current status and the events behind it.
void history_json(std::ostream& out, const consent::History& h) {
    JsonWriter json(out);
    json.begin_object();
    json.field("schema", "ISO/IEC TS 27560 consent record (gdprctl profile 1)");
    json.field("record_id", fmt::format("consent-record:{}", h.subject));
    json.field("pii_principal_id", h.subject);
    json.key("controller").begin_object();
    json.field("name", h.controller_name);
    json.field("contact", h.controller_contact);
    json.end_object();
    json.field("generated_at", h.generated_at.to_string());
    json.key("purposes").begin_array();
    for (const auto& state : h.states) {
        json.begin_object();
        json.field("purpose", state.purpose);
        json.field("legal_basis", "GDPR Art. 6(1)(a) consent");
        json.field("consent_status", to_string(state.state));
        json.field("status_since", state.at.to_string());
        json.key("events").begin_array();
        for (const auto& event : h.events) {
            if (event.purpose != state.purpose) continue;
            json.begin_object();
            json.field("event_id", event_id(event.id));
            json.field("event_type", to_string(event.action));
            json.field("event_time", event.at.to_string());
            json.field("method", event.method);
            json.field("evidence", event.evidence);
            json.key("notice").begin_object();
            json.field("version", event.notice_version);
            json.field("source", event.source);
            json.end_object();
            json.field("channel", event.channel);
            json.field("recorded_at", event.recorded_at.to_string());
            json.field("recorded_by", event.recorded_by);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
    out << "\n";
}

void history_text(std::ostream& out, const consent::History& h) {
    if (h.events.empty()) {
        out << "no consent events recorded for this subject\n";
        return;
    }
    for (const auto& event : h.events)
        out << fmt::format("{}  {:<9} {}  {}{}\n", event.at.to_string(), to_string(event.action),
                           terminal_escape(event.purpose), event_id(event.id),
                           event.evidence.empty() ? "" : "  evidence: " + terminal_escape(event.evidence));
}

void import_text(std::ostream& out, const consent::ImportResult& r) {
    if (r.rows == 0) {
        out << "imported nothing: the feed has no rows\n";
        return;
    }
    out << fmt::format("imported {} consent event(s) ({} given, {} withdrawn) as {}..{}; {} propagation task(s)\n",
                       r.rows, r.given, r.withdrawn, event_id(r.first_id), event_id(r.last_id), r.tasks);
}

void import_json(std::ostream& out, const consent::ImportResult& r) {
    JsonWriter json(out);
    json.begin_object();
    json.field("rows", r.rows);
    json.field("given", r.given);
    json.field("withdrawn", r.withdrawn);
    json.field("tasks", r.tasks);
    if (r.rows) {
        json.field("first_id", event_id(r.first_id));
        json.field("last_id", event_id(r.last_id));
    }
    json.end_object();
    out << "\n";
}

void task_done_text(std::ostream& out, const store::ConsentTask& task) {
    out << fmt::format("{}: task {} done\n", event_id(task.event_id), terminal_escape(task.target));
}

void task_done_json(std::ostream& out, const store::ConsentTask& task) {
    JsonWriter json(out);
    json.begin_object();
    write_task_fields(json, task);
    json.end_object();
    out << "\n";
}

void flush_if_full(std::ostream& out, std::string& buffer) {
    if (buffer.size() >= (1 << 16)) {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    }
}

std::string json_string(std::string_view text) {
    std::ostringstream out;
    write_json_string(out, text);
    return out.str();
}

}  // namespace

FormatTable<RecordedWriter> recorded_formats() {
    static constexpr Format<RecordedWriter> table[] = {{"text", "", recorded_text}, {"json", "", recorded_json}};
    return table;
}
FormatTable<StatusWriter> status_formats() {
    static constexpr Format<StatusWriter> table[] = {{"text", "", status_text}, {"json", "", status_json}};
    return table;
}
FormatTable<HistoryWriter> history_formats() {
    static constexpr Format<HistoryWriter> table[] = {{"json", "ISO/IEC TS 27560 shape", history_json},
                                                         {"text", "", history_text}};
    return table;
}
FormatTable<ImportWriter> import_formats() {
    static constexpr Format<ImportWriter> table[] = {{"text", "", import_text}, {"json", "", import_json}};
    return table;
}
FormatTable<ConsentTaskDoneWriter> consent_task_done_formats() {
    static constexpr Format<ConsentTaskDoneWriter> table[] = {{"text", "", task_done_text}, {"json", "", task_done_json}};
    return table;
}

namespace {

// One class per list, its format chosen by the table's factory; rows are buffered and written in
// blocks, so that a list of a million people streams in constant memory.
class AudienceWriter final : public RowWriter<consent::AudienceMember> {
public:
    AudienceWriter(std::ostream& out, std::string_view format) : out_(out), format_(format) {
    if (format_ == "csv") buffer_ += csv_row({"subject", "purpose", "state", "at"});
        if (format_ == "json") buffer_ += "[";
    }

    void row(const consent::AudienceMember& m) override {
    const auto at = m.state.at.to_string();
    const auto state = to_string(m.state.state);
    if (format_ == "csv") {
        buffer_ += csv_row({m.subject, m.state.purpose, std::string(state), at});
    } else if (format_ == "jsonl" || format_ == "json") {
        if (format_ == "json") buffer_ += count_ ? ",\n  " : "\n  ";
        buffer_ += fmt::format("{{\"subject\":{},\"purpose\":{},\"state\":\"{}\",\"at\":\"{}\",\"event\":\"{}\"}}",
                               json_string(m.subject), json_string(m.state.purpose), state, at,
                               event_id(m.state.event_id));
        if (format_ == "jsonl") buffer_ += "\n";
    } else {
        buffer_ += fmt::format("{}  {} since {}\n", terminal_escape(m.subject), state, at);
    }
    ++count_;
    flush_if_full(out_, buffer_);
}

    void end() override {
        if (format_ == "json") buffer_ += count_ ? "\n]\n" : "]\n";
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        buffer_.clear();
    }

private:
    std::ostream& out_;
    std::string format_;
    std::string buffer_;
    std::size_t count_ = 0;
};

class ConsentTaskWriter final : public RowWriter<store::ConsentTask> {
public:
    ConsentTaskWriter(std::ostream& out, std::string_view format) : out_(out), format_(format) {
        if (format_ == "json") buffer_ += "[";
    }

    void row(const store::ConsentTask& task) override {
    if (format_ == "json") {
        std::ostringstream one;
        {
            JsonWriter json(one, false);
            json.begin_object();
            write_task_fields(json, task);
            json.end_object();
        }
        buffer_ += count_ ? ",\n  " : "\n  ";
        buffer_ += one.str();
    } else {
        buffer_ += fmt::format("{:<8} {:<7} {:<24} {}\n", event_id(task.event_id), to_string(task.kind),
                               terminal_escape(task.target),
                               task.done_at ? "done " + task.done_at->to_string() : std::string("pending"));
    }
    ++count_;
    flush_if_full(out_, buffer_);
}

    void end() override {
        if (format_ == "json")
            buffer_ += count_ ? "\n]\n" : "]\n";
        else if (count_ == 0)
            buffer_ += "no propagation tasks\n";
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        buffer_.clear();
    }

private:
    std::ostream& out_;
    std::string format_;
    std::string buffer_;
    std::size_t count_ = 0;
};

template <typename Writer, typename Row, const char* Name>
std::unique_ptr<RowWriter<Row>> make_list(std::ostream& out) {
    return std::make_unique<Writer>(out, Name);
}
constexpr char text_name[] = "text", jsonl_name[] = "jsonl", csv_name[] = "csv", json_name[] = "json";

}  // namespace

FormatTable<AudienceFactory> audience_formats() {
    static constexpr Format<AudienceFactory> table[] = {
        {"text", "", make_list<AudienceWriter, consent::AudienceMember, text_name>},
        {"jsonl", "one object per line", make_list<AudienceWriter, consent::AudienceMember, jsonl_name>},
        {"csv", "", make_list<AudienceWriter, consent::AudienceMember, csv_name>},
        {"json", "", make_list<AudienceWriter, consent::AudienceMember, json_name>},
    };
    return table;
}

FormatTable<ConsentTaskListFactory> consent_task_list_formats() {
    static constexpr Format<ConsentTaskListFactory> table[] = {
        {"text", "", make_list<ConsentTaskWriter, store::ConsentTask, text_name>},
        {"json", "", make_list<ConsentTaskWriter, store::ConsentTask, json_name>},
    };
    return table;
}

}  // namespace gdprctl::output
