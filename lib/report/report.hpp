#pragma once

#include "time/date.hpp"

#include <filesystem>
#include <string>
#include <vector>

// One entry point per report for the CLI: load the register, build the record, render a format.
namespace gdprctl::report {

enum class ReportKind { ropa, notice };

// The --format values each report accepts; the first is the default.
const std::vector<std::string>& report_formats(ReportKind kind);

struct RenderedReport {
    std::string text;
    std::size_t register_errors = 0;  // structural errors found while loading the register
    // The notice's warnings: statements the register does not support, left out (ropa: empty).
    std::vector<std::string> warnings;
};

// Loads the register at `root` and renders it. A register with structural errors is still rendered
// from what could be read (the count is returned, and shown in the report); only `gdprctl check`
// decides pass or fail. Throws UsageError for a format the report does not have.
// `subjects` (notice only; empty: everyone) keeps the systems that process data about one of those
// categories of data subjects, with the recipients and cookies they use: each audience gets the
// notice that concerns it (Art. 13/14 are owed to the data subject). UsageError for a category no
// system names.
RenderedReport render_report(ReportKind kind, const std::filesystem::path& root, const std::string& format,
                             time::Date as_of, const std::vector<std::string>& subjects = {});

}  // namespace gdprctl::report
