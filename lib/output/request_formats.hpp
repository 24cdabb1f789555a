#pragma once

#include "output/json_writer.hpp"
#include "requests/requests.hpp"
#include "store/store.hpp"

#include <ostream>
#include <sstream>
#include <string>

namespace gdprctl::output {

void write_opened_text(std::ostream& out, const requests::Opened& opened);
void write_opened_json(std::ostream& out, const requests::Opened& opened);

// One request's fields as members of the JSON object being written.
void write_request_fields(JsonWriter& json, const store::Request& request, time::Date today);
void write_request_detail_text(std::ostream& out, const requests::RequestDetail& detail, time::Date today);
void write_request_detail_json(std::ostream& out, const requests::RequestDetail& detail, time::Date today);

// Streams a list: begin, one row per request, end (JSON: one array; text: aligned lines).
// Text rows are formatted into a buffer handed to `out` in large blocks (JsonWriter buffers
// likewise): small writes to a stdio-synchronised std::cout would cost more than the query.
class RequestListWriter {
public:
    // With a calendar, rows also say when an extension was not told within the first month.
    RequestListWriter(std::ostream& out, bool json, time::Date today, const time::HolidayCalendar* calendar = nullptr);
    void row(const store::Request& request);
    void end();

private:
    void flush_if_full();

    std::ostream& out_;
    std::ostringstream buffer_;
    bool json_;
    time::Date today_;
    const time::HolidayCalendar* calendar_;
    std::size_t count_ = 0;
    std::optional<JsonWriter> writer_;
};

void write_task_done(std::ostream& out, bool json, const store::Task& task);
void write_request_changed(std::ostream& out, bool json, const store::Request& request, const std::string& what,
                           time::Date today);

void write_subject_text(std::ostream& out, const requests::SubjectReport& report, time::Date today);
void write_subject_json(std::ostream& out, const requests::SubjectReport& report, time::Date today);
void write_erasure(std::ostream& out, bool json, const requests::ErasureReport& report);
void write_recompute(std::ostream& out, bool json, const requests::RecomputeReport& report);

void write_audit_event_text(std::ostream& out, const store::AuditEvent& event);
void write_audit_event_json(JsonWriter& json, const store::AuditEvent& event);

}  // namespace gdprctl::output
