#include "output/breach_formats.hpp"

#include "output/json_writer.hpp"
#include "output/terminal.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

namespace gdprctl::output {
namespace {

using store::Breach;

std::string hours(std::int64_t seconds) { return fmt::format("{:.1f} h", static_cast<double>(seconds) / 3600.0); }

std::string list_text(const std::vector<std::string>& items) {
    return items.empty() ? std::string("-") : fmt::format("{}", fmt::join(items, ", "));
}

std::string approx(const std::optional<std::int64_t>& value) {
    return value ? fmt::format("about {}", *value) : std::string("unknown");
}

void breach_fields(JsonWriter& json, const Breach& b) {
    json.field("id", b.id);
    json.field("summary", b.summary);
    json.field("aware_at", b.aware_at.to_string());
    if (b.occurred_at) json.field("occurred_at", b.occurred_at->to_string()); else json.key("occurred_at").null();
    json.field("deadline", b.deadline.to_string());
    json.strings("nature", b.nature);
    json.strings("data", b.data);
    json.strings("systems", b.systems);
    if (b.subjects_approx) json.field("subjects_approx", *b.subjects_approx); else json.key("subjects_approx").null();
    if (b.records_approx) json.field("records_approx", *b.records_approx); else json.key("records_approx").null();
    if (b.risk) json.field("risk", to_string(*b.risk)); else json.key("risk").null();
    json.field("consequences", b.consequences);
    json.field("measures", b.measures);
    if (b.exemption) json.field("exemption", to_string(*b.exemption)); else json.key("exemption").null();
    json.field("status", to_string(b.status));
}

void notification_fields(JsonWriter& json, const store::BreachNotification& n) {
    json.field("audience", to_string(n.audience));
    json.field("phase", to_string(n.phase));
    json.field("at", n.at.to_string());
    json.field("reference", n.reference);
    json.field("delay_reason", n.delay_reason);
    json.field("recorded_at", n.recorded_at.to_string());
    json.field("backdate_reason", n.backdate_reason);
}

void opened_text(std::ostream& out, const Breach& b) {
    out << fmt::format("{} opened: aware at {}; notify the supervisory authority by {} (72 hours after awareness, "
                       "Art. 33(1)) unless the breach is unlikely to result in a risk.\n",
                       b.id, b.aware_at.to_string(), b.deadline.to_string());
    out << fmt::format("Next: gdprctl breach assess {} --risk none|risk|high --consequences ... --measures ...\n", b.id);
}

void breach_json(std::ostream& out, const Breach& b) {
    JsonWriter json(out);
    json.begin_object();
    breach_fields(json, b);
    json.end_object();
    out << "\n";
}

void changed_text(std::ostream& out, const Breach& b) {
    if (b.status == store::BreachStatus::closed) {
        out << fmt::format("{} closed\n", b.id);
        return;
    }
    const auto required = breach::required_notifications(b);
    out << fmt::format("{} assessed: risk {}{}\n", b.id, b.risk ? to_string(*b.risk) : "?",
                       b.exemption ? fmt::format(" (Art. 34(3) ground: {})", to_string(*b.exemption)) : "");
    if (!required.authority)
        out << "  no notification required; the decision and its reasons are documented (Art. 33(5))\n";
    if (required.authority)
        out << fmt::format("  notify the supervisory authority by {} (Art. 33(1))\n", b.deadline.to_string());
    if (required.subjects) out << "  inform the people affected without undue delay (Art. 34(1))\n";
    if (required.public_communication)
        out << "  make a public communication instead of informing each person (Art. 34(3)(c))\n";
}

void notified_text(std::ostream& out, const BreachNotificationDone& d) {
    const auto& n = d.notification;
    out << fmt::format("{}: {} notification ({}) recorded at {}{}\n", d.breach.id, to_string(n.audience),
                       to_string(n.phase), n.at.to_string(),
                       n.audience == store::NotificationAudience::authority && n.at > d.breach.deadline
                           ? fmt::format(", {} after the deadline; reason recorded", hours(n.at.epoch_seconds() -
                                                                                           d.breach.deadline.epoch_seconds()))
                           : "");
}

void notified_json(std::ostream& out, const BreachNotificationDone& d) {
    JsonWriter json(out);
    json.begin_object();
    json.field("breach", d.breach.id);
    notification_fields(json, d.notification);
    json.end_object();
    out << "\n";
}

void show_text(std::ostream& out, const BreachAt& v) {
    const auto& b = v.detail.breach;
    out << fmt::format("{}  {}  ({})\n", b.id, terminal_escape(b.summary), to_string(b.status));
    out << "Timeline (UTC):\n";
    if (b.occurred_at) out << fmt::format("  {}  occurred\n", b.occurred_at->to_string());
    out << fmt::format("  {}  became aware\n", b.aware_at.to_string());
    if (b.assessed_at)
        out << fmt::format("  {}  assessed: risk {}{}\n", b.assessed_at->to_string(), to_string(*b.risk),
                           b.exemption ? fmt::format(", Art. 34(3) {}", to_string(*b.exemption)) : "");
    for (const auto& n : v.detail.notifications)
        out << fmt::format("  {}  {} notification, {}{}{}{}\n", n.at.to_string(), to_string(n.audience),
                           to_string(n.phase), n.reference.empty() ? "" : ", ref " + terminal_escape(n.reference),
                           n.delay_reason.empty() ? "" : "; delay: " + terminal_escape(n.delay_reason),
                           n.backdate_reason.empty()
                               ? ""
                               : fmt::format("; recorded {} after the deadline: {}", n.recorded_at.to_string(),
                                             terminal_escape(n.backdate_reason)));
    out << fmt::format("  {}  deadline for the authority (72 h)\n", b.deadline.to_string());
    if (b.closed_at) out << fmt::format("  {}  closed\n", b.closed_at->to_string());
    const auto* first = breach::first_authority_notification(v.detail);
    if (b.risk == store::BreachRisk::none)
        out << "Clock: no notification required (risk none, Art. 33(5))\n";
    else if (first)
        out << fmt::format("Clock: authority notified {} {}\n",
                           hours(std::abs(first->at.epoch_seconds() - b.deadline.epoch_seconds())),
                           first->at > b.deadline ? "late" : "before the deadline");
    else
        out << "Clock: " << clock_text(b.deadline, v.now) << "\n";
    for (const auto& missing : breach::missing_notifications(v.detail)) out << "Missing: " << missing << "\n";
}

void show_json(std::ostream& out, const BreachAt& v) {
    JsonWriter json(out);
    json.begin_object();
    breach_fields(json, v.detail.breach);
    json.field("seconds_left", v.detail.breach.deadline.epoch_seconds() - v.now.epoch_seconds());
    json.field("late", breach::is_late(v.detail, v.now));
    json.key("notifications").begin_array();
    for (const auto& n : v.detail.notifications) {
        json.begin_object();
        notification_fields(json, n);
        json.end_object();
    }
    json.end_array();
    std::vector<std::string> missing = breach::missing_notifications(v.detail);
    json.strings("missing", missing);
    json.end_object();
    out << "\n";
}

void list_text_rows(std::ostream& out, const BreachList& list) {
    if (list.breaches.empty()) {
        out << "no breaches match\n";
        return;
    }
    for (const auto& d : list.breaches) {
        const auto* first = breach::first_authority_notification(d);
        std::string clock = d.breach.risk == store::BreachRisk::none ? "no notification required"
                            : first ? fmt::format("authority notified {}", first->at.to_string())
                                    : clock_text(d.breach.deadline, list.now);
        out << fmt::format("{}  {:<6} deadline {}  {}  {}\n", d.breach.id, to_string(d.breach.status),
                           d.breach.deadline.to_string(), clock, terminal_escape(d.breach.summary));
    }
}

void list_json(std::ostream& out, const BreachList& list) {
    JsonWriter json(out);
    json.begin_array();
    for (const auto& d : list.breaches) {
        json.begin_object();
        breach_fields(json, d.breach);
        json.field("seconds_left", d.breach.deadline.epoch_seconds() - list.now.epoch_seconds());
        json.field("late", breach::is_late(d, list.now));
        json.end_object();
    }
    json.end_array();
    out << "\n";
}

// The Art. 33(3) items, in the order of the Autoriteit Persoonsgegevens' notification form.
struct ReportItem {
    std::string title;
    std::string article;
    std::string text;  // empty: missing
};

std::vector<ReportItem> report_items(const BreachReportInput& in) {
    const auto& b = in.detail.breach;
    std::vector<ReportItem> items;
    std::string contact;
    if (in.organization) {
        const auto& org = *in.organization;
        const auto& person = org.dpo ? org.dpo : org.responsible_person;
        if (person)
            contact = fmt::format("{}{}{}{}", org.name.empty() ? "" : org.name + ", ",
                                  person->name.empty() ? person->role : person->name,
                                  person->email.empty() ? "" : ", " + person->email,
                                  person->phone.empty() ? "" : ", " + person->phone);
    }
    items.push_back({"Contact person", "Art. 33(3)(b)", contact});
    std::string timeline = fmt::format("became aware {}", b.aware_at.to_string());
    if (b.occurred_at) timeline = fmt::format("occurred {}; ", b.occurred_at->to_string()) + timeline;
    timeline += fmt::format("; 72-hour deadline {}", b.deadline.to_string());
    if (const auto* first = breach::first_authority_notification(in.detail); first && first->at > b.deadline)
        timeline += fmt::format("; notified {} late, because: {}", hours(first->at.epoch_seconds() - b.deadline.epoch_seconds()),
                                first->delay_reason);
    items.push_back({"Timeline", "Art. 33(1)", timeline});
    items.push_back({"Summary of the breach", "Art. 33(3)(a)", b.summary});
    items.push_back({"Nature of the breach", "Art. 33(3)(a)", b.nature.empty() ? "" : list_text(b.nature)});
    items.push_back({"Personal data concerned (and special categories)", "Art. 33(3)(a)",
                     b.data.empty() ? "" : list_text(b.data)});
    items.push_back({"People affected: approximate number", "Art. 33(3)(a)",
                     b.subjects_approx ? approx(b.subjects_approx) : ""});
    items.push_back({"Records affected: approximate number", "Art. 33(3)(a)",
                     b.records_approx ? approx(b.records_approx) : ""});
    items.push_back({"Systems concerned", "Art. 33(3)(a)", b.systems.empty() ? "" : list_text(b.systems)});
    std::string protection;
    if (b.exemption == store::BreachExemption::encrypted)
        protection = "the data were unintelligible to anyone not authorised to access them, e.g. encrypted "
                     "(Art. 34(3)(a))";
    else if (b.assessed_at)
        protection = "no protection recorded that made the data unintelligible";
    items.push_back({"Prior protection (e.g. encryption)", "Art. 34(3)(a)", protection});
    items.push_back({"Likely consequences", "Art. 33(3)(c)", b.consequences});
    items.push_back({"Measures taken or proposed, and follow-up", "Art. 33(3)(d)", b.measures});
    std::string informing;
    if (b.risk) {
        const auto required = breach::required_notifications(b);
        const bool told = std::any_of(in.detail.notifications.begin(), in.detail.notifications.end(),
                                      [](const store::BreachNotification& n) {
                                          return n.audience == store::NotificationAudience::subjects;
                                      });
        if (*b.risk != store::BreachRisk::high)
            informing = fmt::format("not required: risk assessed as {} (Art. 34(1) applies to a high risk)",
                                    to_string(*b.risk));
        else if (b.exemption)
            informing = fmt::format("not required: Art. 34(3) ground `{}`{}", to_string(*b.exemption),
                                    required.public_communication ? "; a public communication is made instead" : "");
        else
            informing = told ? "the people affected were informed (Art. 34(1))"
                             : "required (high risk, Art. 34(1)); not yet done";
    }
    items.push_back({"Informing the people affected", "Art. 34", informing});
    return items;
}

void report_md(std::ostream& out, const BreachReportInput& in) {
    const auto& b = in.detail.breach;
    out << fmt::format("# Notification of a personal data breach: {}\n\n", report::md_escape(b.id));
    out << fmt::format("To: {} (GDPR Art. 33). Drafted {}.\n\n",
                       in.organization && !in.organization->supervisory_authority.empty()
                           ? report::md_escape(in.organization->supervisory_authority)
                           : "the supervisory authority",
                       in.now.to_string());
    const auto items = report_items(in);
    std::size_t missing = 0;
    for (const auto& item : items) {
        out << fmt::format("## {} ({})\n\n", item.title, item.article);
        if (item.text.empty()) {
            ++missing;
            out << "**MISSING**: not recorded in the breach register.\n\n";
        } else {
            out << report::md_escape(item.text) << "\n\n";
        }
    }
    if (!in.detail.notifications.empty()) {
        out << "## Filings so far (Art. 33(4))\n\n| at | to | phase | reference |\n|---|---|---|---|\n";
        for (const auto& n : in.detail.notifications)
            out << fmt::format("| {} | {} | {} | {} |\n", n.at.to_string(), to_string(n.audience), to_string(n.phase),
                               report::md_escape(n.reference));
        out << "\n";
    }
    out << fmt::format("{} item(s) missing.\n", missing);
}

void report_json(std::ostream& out, const BreachReportInput& in) {
    JsonWriter json(out);
    json.begin_object();
    json.field("breach", in.detail.breach.id);
    json.field("drafted_at", in.now.to_string());
    json.key("items").begin_array();
    for (const auto& item : report_items(in)) {
        json.begin_object();
        json.field("title", item.title);
        json.field("article", item.article);
        json.field("text", item.text);
        json.field("missing", item.text.empty());
        json.end_object();
    }
    json.end_array();
    json.end_object();
    out << "\n";
}

}  // namespace

std::string clock_text(time::DateTime deadline, time::DateTime now) {
    const auto left = deadline.epoch_seconds() - now.epoch_seconds();
    return left >= 0 ? fmt::format("{} left", hours(left)) : fmt::format("{} late", hours(-left));
}

FormatTable<BreachWriter> breach_opened_formats() {
    static constexpr Format<BreachWriter> table[] = {{"text", "", opened_text}, {"json", "", breach_json}};
    return table;
}
FormatTable<BreachWriter> breach_changed_formats() {
    static constexpr Format<BreachWriter> table[] = {{"text", "", changed_text}, {"json", "", breach_json}};
    return table;
}
FormatTable<BreachNotifiedWriter> breach_notified_formats() {
    static constexpr Format<BreachNotifiedWriter> table[] = {{"text", "", notified_text}, {"json", "", notified_json}};
    return table;
}
FormatTable<BreachShowWriter> breach_show_formats() {
    static constexpr Format<BreachShowWriter> table[] = {{"text", "", show_text}, {"json", "", show_json}};
    return table;
}
FormatTable<BreachListWriter> breach_list_formats() {
    static constexpr Format<BreachListWriter> table[] = {{"text", "", list_text_rows}, {"json", "", list_json}};
    return table;
}
FormatTable<BreachReportWriter> breach_report_formats() {
    static constexpr Format<BreachReportWriter> table[] = {{"md", "the Autoriteit Persoonsgegevens' order", report_md},
                                                          {"json", "", report_json}};
    return table;
}

}  // namespace gdprctl::output
