#pragma once

#include <cstdint>
#include <ostream>

namespace gdprctl::output {

// A one-line progress bar for long reads, redrawn in place on a terminal; does nothing when off
// (in a pipe, under -q), so that scripts and CI logs never see it.
class ProgressBar {
public:
    ProgressBar(std::ostream& err, bool enabled, std::uint64_t total) : err_(err), enabled_(enabled && total > 0), total_(total) {}
    void update(std::uint64_t done);
    void finish();

private:
    std::ostream& err_;
    bool enabled_;
    std::uint64_t total_;
    int last_percent_ = -1;
};

}  // namespace gdprctl::output
