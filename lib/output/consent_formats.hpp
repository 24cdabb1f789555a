#pragma once

#include "consent/consent.hpp"
#include "consent/import.hpp"
#include "output/format_table.hpp"

#include <ostream>
#include <string_view>
#include <vector>

// Renderers of the consent ledger's results, one format table per result type.
namespace gdprctl::output {

struct StatusResult {
    std::string subject;
    std::vector<consent::PurposeState> states;
};

FormatTable<consent::Recorded> recorded_formats();
FormatTable<StatusResult> status_formats();
FormatTable<consent::History> history_formats();  // export: json (ISO/IEC TS 27560 shape) first, text
FormatTable<consent::ImportResult> import_formats();
FormatTable<store::ConsentTask> task_done_formats();

// Streams `consent list` rows (jsonl, csv, json, text) and `consent tasks` rows (text, json).
class AudienceWriter {
public:
    AudienceWriter(std::ostream& out, std::string_view format);
    void row(const consent::AudienceMember& member);
    void end();
    static std::vector<std::string> formats() { return {"text", "jsonl", "csv", "json"}; }

private:
    std::ostream& out_;
    std::string format_;
    std::string buffer_;
    std::size_t count_ = 0;
};

class ConsentTaskWriter {
public:
    ConsentTaskWriter(std::ostream& out, std::string_view format);
    void row(const store::ConsentTask& task);
    void end();

private:
    std::ostream& out_;
    std::string format_;
    std::string buffer_;
    std::size_t count_ = 0;
};

}  // namespace gdprctl::output
