#pragma once

#include "report/notice.hpp"
#include "report/ropa_model.hpp"
#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <vector>

// One entry point per report for the CLI: load the register at `root` and build the record as of
// `as_of`. A register with structural errors is still built from what could be read (the count is
// in the record, and shown by every format); only `gdprctl check` decides pass or fail. The
// renderers are in output/report_formats.hpp.
namespace gdprctl::report {

RopaRecord load_ropa(const std::filesystem::path& root, time::Date as_of);
// `subjects` (empty: everyone) keeps the systems that process data about one of those categories of
// data subjects, with the recipients and cookies they use: each audience gets the notice that
// concerns it (Art. 13/14 are owed to the data subject). UsageError for a category no system names.
// `language` is the notice's: every word gdprctl adds is in it (the record is in English).
NoticeRecord load_notice(const std::filesystem::path& root, time::Date as_of,
                         const std::vector<std::string>& subjects = {}, Language language = Language::en);

}  // namespace gdprctl::report
