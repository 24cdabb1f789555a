#pragma once

#include "output/format_table.hpp"
#include "output/json_writer.hpp"
#include "requests/requests.hpp"
#include "store/audit.hpp"
#include "store/store.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

// The views of the operational store: requests, subjects, erasure and the audit trail.
namespace gdprctl::output {

// A streamed list: one row at a time, then end() (JSON: one array; text: aligned lines).
template <typename Row>
class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void row(const Row& row) = 0;
    virtual void end() = 0;
};

using OpenedWriter = void(std::ostream& out, const requests::Opened& opened);
using RequestDetailWriter = void(std::ostream& out, const requests::RequestDetail& detail, time::Date today);
// With a calendar, rows also say when an extension was not told within the first month.
using RequestListFactory = std::unique_ptr<RowWriter<store::Request>>(std::ostream& out, time::Date today,
                                                                      const time::HolidayCalendar* calendar);
using TaskDoneWriter = void(std::ostream& out, const store::Task& task);
// `what` is the sentence the text format prints after the id, e.g. "closed as fulfilled".
using ChangedWriter = void(std::ostream& out, const store::Request& request, const std::string& what,
                           time::Date today);
using SubjectWriter = void(std::ostream& out, const requests::SubjectReport& report, time::Date today);
using ErasureWriter = void(std::ostream& out, const requests::ErasureReport& report);
using AuditLogFactory = std::unique_ptr<RowWriter<store::AuditEvent>>(std::ostream& out);
using VerifyWriter = void(std::ostream& out, const store::VerifyResult& result);
// Nothing: the trail is empty (its head is the genesis hash at sequence 0).
using AuditHeadWriter = void(std::ostream& out, const std::optional<store::AuditHead>& head);
using RecomputeWriter = void(std::ostream& out, const requests::RecomputeReport& report);

// Each: text (the default), json.
FormatTable<OpenedWriter> opened_formats();
FormatTable<RequestDetailWriter> request_detail_formats();
FormatTable<RequestListFactory> request_list_formats();
FormatTable<TaskDoneWriter> task_done_formats();
FormatTable<ChangedWriter> request_changed_formats();
FormatTable<SubjectWriter> subject_formats();
FormatTable<ErasureWriter> erasure_formats();
FormatTable<AuditLogFactory> audit_log_formats();
FormatTable<VerifyWriter> verify_formats();
FormatTable<AuditHeadWriter> audit_head_formats();
FormatTable<RecomputeWriter> recompute_formats();

void write_opened_text(std::ostream& out, const requests::Opened& opened);
void write_opened_json(std::ostream& out, const requests::Opened& opened);

// One request's fields as members of the JSON object being written.
void write_request_fields(JsonWriter& json, const store::Request& request, time::Date today);
void write_request_detail_text(std::ostream& out, const requests::RequestDetail& detail, time::Date today);
void write_request_detail_json(std::ostream& out, const requests::RequestDetail& detail, time::Date today);

void write_task_done_text(std::ostream& out, const store::Task& task);
void write_task_done_json(std::ostream& out, const store::Task& task);
void write_request_changed_text(std::ostream& out, const store::Request& request, const std::string& what,
                                time::Date today);
void write_request_changed_json(std::ostream& out, const store::Request& request, const std::string& what,
                                time::Date today);

void write_subject_text(std::ostream& out, const requests::SubjectReport& report, time::Date today);
void write_subject_json(std::ostream& out, const requests::SubjectReport& report, time::Date today);
void write_erasure_text(std::ostream& out, const requests::ErasureReport& report);
void write_erasure_json(std::ostream& out, const requests::ErasureReport& report);

void write_audit_event_text(std::ostream& out, const store::AuditEvent& event);
void write_audit_event_json(JsonWriter& json, const store::AuditEvent& event);
void write_verify_text(std::ostream& out, const store::VerifyResult& result);
void write_verify_json(std::ostream& out, const store::VerifyResult& result);
void write_audit_head_text(std::ostream& out, const std::optional<store::AuditHead>& head);
void write_audit_head_json(std::ostream& out, const std::optional<store::AuditHead>& head);
void write_recompute_text(std::ostream& out, const requests::RecomputeReport& report);
void write_recompute_json(std::ostream& out, const requests::RecomputeReport& report);

}  // namespace gdprctl::output
