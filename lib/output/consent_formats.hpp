#pragma once

#include "consent/consent.hpp"
#include "consent/import.hpp"
#include "output/format_table.hpp"
#include "output/request_formats.hpp"  // RowWriter

#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

// Renderers of the consent ledger's results, one format table per result type.
namespace gdprctl::output {

struct StatusResult {
    std::string subject;
    std::vector<consent::PurposeState> states;
};

using RecordedWriter = void(std::ostream& out, const consent::Recorded& recorded);
using StatusWriter = void(std::ostream& out, const StatusResult& status);
using HistoryWriter = void(std::ostream& out, const consent::History& history);
using ImportWriter = void(std::ostream& out, const consent::ImportResult& result);
using ConsentTaskDoneWriter = void(std::ostream& out, const store::ConsentTask& task);
// `consent list` and `consent tasks` are streamed, one row at a time.
using AudienceFactory = std::unique_ptr<RowWriter<consent::AudienceMember>>(std::ostream& out);
using ConsentTaskListFactory = std::unique_ptr<RowWriter<store::ConsentTask>>(std::ostream& out);

FormatTable<RecordedWriter> recorded_formats();
FormatTable<StatusWriter> status_formats();
FormatTable<HistoryWriter> history_formats();  // export: json (ISO/IEC TS 27560 shape) first, text
FormatTable<ImportWriter> import_formats();
FormatTable<ConsentTaskDoneWriter> consent_task_done_formats();
FormatTable<AudienceFactory> audience_formats();  // text, jsonl, csv, json
FormatTable<ConsentTaskListFactory> consent_task_list_formats();  // text, json

}  // namespace gdprctl::output
