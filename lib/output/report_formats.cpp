#include "output/report_formats.hpp"

namespace gdprctl::output {
namespace {

constexpr Format<RopaWriter> ropa_rows[]{
    {"md", "", write_ropa_markdown},
    {"html", "one printable page", write_ropa_html},
    {"csv", "the UK ICO controller template's columns, one row per system and purpose", write_ropa_csv},
    {"json", "", write_ropa_json},
};

constexpr Format<NoticeWriter> notice_rows[]{
    {"md", "", write_notice_markdown},
    {"html", "", write_notice_html},
    {"json", "", write_notice_json},
};

}  // namespace

FormatTable<RopaWriter> ropa_formats() { return ropa_rows; }
FormatTable<NoticeWriter> notice_formats() { return notice_rows; }

}  // namespace gdprctl::output
