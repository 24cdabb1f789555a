#pragma once

#include "breach/breach.hpp"
#include "output/format_table.hpp"

#include <optional>
#include <ostream>

// Renderers of the breach register's results, one format table per result type.
namespace gdprctl::output {

// A breach seen at a moment: hours left or late are relative to `now` (--as-of or the clock).
struct BreachAt {
    breach::BreachDetail detail;
    time::DateTime now;
};

struct BreachNotificationDone {
    store::BreachNotification notification;
    store::Breach breach;
};

// The notification draft: the breach, the controller's contact from gdpr.yaml, and the moment.
struct BreachReportInput {
    breach::BreachDetail detail;
    std::optional<model::Organization> organization;
    time::DateTime now;
};

struct BreachList {
    std::vector<breach::BreachDetail> breaches;
    time::DateTime now;
};

using BreachWriter = void(std::ostream& out, const store::Breach& breach);
using BreachNotifiedWriter = void(std::ostream& out, const BreachNotificationDone& done);
using BreachShowWriter = void(std::ostream& out, const BreachAt& breach);
using BreachListWriter = void(std::ostream& out, const BreachList& list);
using BreachReportWriter = void(std::ostream& out, const BreachReportInput& input);

FormatTable<BreachWriter> breach_opened_formats();
FormatTable<BreachWriter> breach_changed_formats();
FormatTable<BreachNotifiedWriter> breach_notified_formats();
FormatTable<BreachShowWriter> breach_show_formats();
FormatTable<BreachListWriter> breach_list_formats();
FormatTable<BreachReportWriter> breach_report_formats();  // md first, json

// "31.0 h left" / "5.5 h late", the one wording of the clock.
std::string clock_text(time::DateTime deadline, time::DateTime now);

}  // namespace gdprctl::output
