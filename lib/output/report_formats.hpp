#pragma once

#include "output/format_table.hpp"
#include "report/notice.hpp"
#include "report/ropa_model.hpp"

#include <ostream>
#include <string>
#include <vector>

// The renderers of the Art. 30 record and of the privacy-notice tables, one per --format.
namespace gdprctl::output {

using RopaWriter = void(std::ostream& out, const report::RopaRecord& record);
using NoticeWriter = void(std::ostream& out, const report::NoticeRecord& notice);

// md (the default), html, csv, json.
FormatTable<RopaWriter> ropa_formats();
// md (the default), html, json.
FormatTable<NoticeWriter> notice_formats();

void write_ropa_markdown(std::ostream& out, const report::RopaRecord& record);
void write_ropa_html(std::ostream& out, const report::RopaRecord& record);
void write_ropa_csv(std::ostream& out, const report::RopaRecord& record);
void write_ropa_json(std::ostream& out, const report::RopaRecord& record);

void write_notice_markdown(std::ostream& out, const report::NoticeRecord& notice);
void write_notice_html(std::ostream& out, const report::NoticeRecord& notice);
void write_notice_json(std::ostream& out, const report::NoticeRecord& notice);

// A labelled entry of the record as plain text lines, for the formats that lay the record out
// as label/value tables (Markdown, HTML). `flagged` marks a gap a reader must act on.
struct Field {
    std::string label;
    std::vector<std::string> lines;
    bool flagged = false;
};
std::vector<Field> controller_fields(const report::RopaRecord& record);
Field dpo_field(const report::ControllerBlock& controller);
Field representative_field(const report::ControllerBlock& controller);
std::vector<Field> system_fields(const report::SystemEntry& system);
std::vector<Field> purpose_fields(const report::PurposeEntry& purpose);
std::vector<std::string> retention_lines(const std::vector<report::RetentionEntry>& entries);
std::string recipient_summary(const report::RecipientEntry& recipient);  // "Mailer Co (processor, US)"

// The column headings of the UK ICO "Documentation template for controllers", in its order.
const std::vector<std::string>& ico_controller_columns();

}  // namespace gdprctl::output
