#include "output/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace gdprctl::output {

void ProgressBar::update(std::uint64_t done) {
    if (!enabled_) return;
    const int percent = static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total_));
    if (percent == last_percent_) return;
    last_percent_ = percent;
    const int filled = percent * 30 / 100;
    err_ << fmt::format("\r[{}{}] {:3}%", std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(30 - filled), ' '), percent)
         << std::flush;
}

void ProgressBar::finish() {
    if (!enabled_ || last_percent_ < 0) return;
    err_ << "\r\x1b[K" << std::flush;
}

}  // namespace gdprctl::output
