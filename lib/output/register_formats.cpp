#include "output/register_formats.hpp"

#include "output/text_width.hpp"

#include "model/review_due.hpp"
#include "diag/suggest.hpp"
#include "errors.hpp"
#include "output/json_writer.hpp"
#include "output/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gdprctl::output {
namespace {

// Register text reaches the terminal only escaped (output::terminal_escape).
std::string esc(std::string_view text) { return output::terminal_escape(text); }

std::string joined(const std::vector<std::string>& items) {
    return esc(fmt::format("{}", fmt::join(items, ", ")));
}

std::string date_or(const std::optional<time::Date>& date, std::string_view fallback) {
    return date ? date->to_string() : std::string(fallback);
}

std::string bases_of(const model::System& system) {
    std::vector<std::string> bases;
    for (const auto& purpose : system.purposes) {
        std::string basis = purpose.basis ? std::string(model::to_string(*purpose.basis)) : "?";
        bases.push_back(purpose.id + ":" + basis);
    }
    return fmt::format("{}", fmt::join(bases, ", "));
}

std::string next_review_text(const model::Register& reg, const model::System& system) {
    const auto next = model::next_review(reg, system);
    return next ? next->to_string() : "now";
}


void table(std::ostream& out, std::vector<std::vector<std::string>> rows) {
    if (rows.empty()) return;
    for (auto& row : rows)
        for (auto& cell : row) cell = esc(cell);
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], output::display_width(row[i]));
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - output::display_width(row[i]) + 2, ' ');
        }
        out << line << '\n';
    }
}

void system_fields(JsonWriter& json, const model::Register& reg, const model::System& system,
                   time::Date today) {
    json.field("id", system.id).field("name", system.name).field("owner", system.owner);
    json.field("description", system.description);
    json.strings("subjects", system.subjects).strings("data", system.data).strings("sources", system.sources);
    json.key("purposes").begin_array();
    for (const auto& purpose : system.purposes) {
        json.begin_object().field("id", purpose.id).field("description", purpose.description);
        json.key("basis");
        if (purpose.basis)
            json.value(model::to_string(*purpose.basis));
        else
            json.null();
        json.strings("data", purpose.data);
        if (purpose.consent)
            json.key("consent")
                .begin_object()
                .field("evidence", purpose.consent->evidence)
                .field("withdrawal", purpose.consent->withdrawal)
                .end_object();
        if (!purpose.lia.empty()) json.field("lia", purpose.lia);
        if (!purpose.law.empty()) json.field("law", purpose.law);
        if (!purpose.special_condition.empty()) json.field("special_condition", purpose.special_condition);
        json.end_object();
    }
    json.end_array();
    json.strings("recipients", system.recipients);
    json.key("retention").begin_array();
    for (const auto& rule : system.retention) {
        json.begin_object().strings("data", rule.data).key("period");
        if (rule.undetermined)
            json.value("undetermined");
        else if (rule.period)
            json.value(rule.period->to_string());
        else
            json.null();
        if (!rule.after.empty()) json.field("after", rule.after);
        json.field("action", model::to_string(rule.action));
        json.end_object();
    }
    json.end_array();
    json.strings("security", system.security);
    json.key("last_review");
    if (system.last_review)
        json.value(system.last_review->to_string());
    else
        json.null();
    json.key("review_interval");
    if (system.review_interval)
        json.value(system.review_interval->to_string());
    else
        json.null();
    json.field("review_due", model::review_is_due(reg, system, today));
    json.field("file", reg.file_of(system)).field("line", system.pos.line);
}

void recipient_fields(JsonWriter& json, const model::Register& reg, const model::Recipient& recipient) {
    json.field("id", recipient.id).field("name", recipient.name).field("description", recipient.description);
    json.key("role");
    if (recipient.role)
        json.value(model::to_string(*recipient.role));
    else
        json.null();
    json.field("country", recipient.country);
    json.field("eea", model::is_eea_country(recipient.country));
    json.key("agreement");
    if (recipient.agreement) {
        json.begin_object().key("signed");
        if (recipient.agreement->signed_on)
            json.value(recipient.agreement->signed_on->to_string());
        else
            json.null();
        json.field("reference", recipient.agreement->reference).end_object();
    } else {
        json.null();
    }
    json.key("transfer");
    if (recipient.transfer)
        json.value(model::to_string(*recipient.transfer));
    else
        json.null();
    std::vector<std::string> used_by;
    for (const auto& system : reg.systems)
        if (std::find(system.recipients.begin(), system.recipients.end(), recipient.id) != system.recipients.end())
            used_by.push_back(system.id);
    json.strings("systems", used_by);
    json.field("file", reg.file_of(recipient)).field("line", recipient.pos.line);
}

}  // namespace

void write_systems_text(std::ostream& out, const model::Register& reg, const std::vector<const model::System*>& systems,
                        time::Date today) {
    if (reg.systems.empty()) {
        out << "the register has no systems yet\n  add one with: gdprctl register add\n";
        return;
    }
    if (systems.empty()) {
        out << "no systems match\n";
        return;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "NAME", "OWNER", "LAST REVIEW", "NEXT REVIEW", "PURPOSES"}};
    for (const auto* system : systems) {
        auto next = next_review_text(reg, *system);
        if (model::review_is_due(reg, *system, today)) next += " (due)";
        rows.push_back(
            {system->id, system->name, system->owner, date_or(system->last_review, "never"), next, bases_of(*system)});
    }
    table(out, rows);
}

void write_systems_json(std::ostream& out, const model::Register& reg, const std::vector<const model::System*>& systems,
                        time::Date today) {
    JsonWriter json(out);
    json.begin_object().key("systems").begin_array();
    for (const auto* system : systems) {
        json.begin_object();
        system_fields(json, reg, *system, today);
        json.end_object();
    }
    json.end_array().end_object();
    out << '\n';
}

void write_system_text(std::ostream& out, const model::Register& reg, const model::System& system, time::Date today) {
    out << fmt::format("{}: {}\n", esc(system.id), esc(system.name));
    out << fmt::format("  file:        {}:{}\n", esc(reg.file_of(system)), system.pos.line);
    out << fmt::format("  owner:       {}\n", esc(system.owner));
    if (!system.description.empty()) out << fmt::format("  description: {}\n", esc(system.description));
    out << fmt::format("  subjects:    {}\n", joined(system.subjects));
    out << fmt::format("  data:        {}\n", joined(system.data));
    if (!system.sources.empty()) out << fmt::format("  sources:     {}\n", joined(system.sources));
    out << "  purposes:\n";
    for (const auto& purpose : system.purposes) {
        out << fmt::format("    - {} ({})", esc(purpose.id), purpose.basis ? model::to_string(*purpose.basis) : "no basis");
        if (purpose.basis) out << fmt::format(", {}", model::article_of(*purpose.basis));
        out << '\n';
        if (!purpose.data.empty()) out << fmt::format("      data: {}\n", joined(purpose.data));
        if (purpose.consent)
            out << fmt::format("      consent: evidence {}, withdrawal {}\n", esc(purpose.consent->evidence),
                               esc(purpose.consent->withdrawal));
        if (!purpose.lia.empty()) out << fmt::format("      balancing test: {}\n", esc(purpose.lia));
        if (!purpose.law.empty()) out << fmt::format("      law: {}\n", esc(purpose.law));
        if (!purpose.special_condition.empty()) out << fmt::format("      Art. {}\n", esc(purpose.special_condition));
    }
    if (!system.recipients.empty()) out << fmt::format("  recipients:  {}\n", joined(system.recipients));
    if (!system.retention.empty()) {
        out << "  retention:\n";
        for (const auto& rule : system.retention)
            out << fmt::format("    - {}: {}{}\n", joined(rule.data),
                               rule.undetermined ? "undetermined"
                               : rule.period     ? rule.period->to_string()
                                                 : "?",
                               rule.after.empty() ? "" : " after " + esc(rule.after));
    }
    out << fmt::format("  security:    {}\n", joined(system.security));
    out << fmt::format("  last review: {}; next review: {}{}\n", date_or(system.last_review, "never"),
                       next_review_text(reg, system), model::review_is_due(reg, system, today) ? " (due)" : "");
}

void write_system_json(std::ostream& out, const model::Register& reg, const model::System& system, time::Date today) {
    JsonWriter json(out);
    json.begin_object();
    system_fields(json, reg, system, today);
    json.end_object();
    out << '\n';
}

void write_recipients_text(std::ostream& out, const model::Register& reg) {
    if (reg.recipients.empty()) {
        out << "no recipients\n";
        return;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "NAME", "ROLE", "COUNTRY", "AGREEMENT", "TRANSFER"}};
    for (const auto& r : reg.recipients)
        rows.push_back({r.id, r.name, r.role ? std::string(model::to_string(*r.role)) : "?", r.country,
                        r.agreement ? date_or(r.agreement->signed_on, "unsigned") : "-",
                        r.transfer ? std::string(model::to_string(*r.transfer)) : "-"});
    table(out, rows);
}

void write_recipients_json(std::ostream& out, const model::Register& reg) {
    JsonWriter json(out);
    json.begin_object().key("recipients").begin_array();
    for (const auto& recipient : reg.recipients) {
        json.begin_object();
        recipient_fields(json, reg, recipient);
        json.end_object();
    }
    json.end_array().end_object();
    out << '\n';
}

void write_recipient_text(std::ostream& out, const model::Register& reg, const model::Recipient& r) {
    out << fmt::format("{}: {}\n", esc(r.id), esc(r.name));
    out << fmt::format("  file:      {}:{}\n", esc(reg.file_of(r)), r.pos.line);
    if (!r.description.empty()) out << fmt::format("  about:     {}\n", esc(r.description));
    out << fmt::format("  role:      {}\n", r.role ? model::to_string(*r.role) : "?");
    out << fmt::format("  country:   {}{}\n", esc(r.country),
                       model::is_eea_country(r.country) ? " (EEA)" : " (outside the EEA)");
    if (r.agreement)
        out << fmt::format("  agreement: signed {}{}\n", date_or(r.agreement->signed_on, "?"),
                           r.agreement->reference.empty() ? "" : ", " + esc(r.agreement->reference));
    if (r.transfer) out << fmt::format("  transfer:  {}\n", model::to_string(*r.transfer));
    std::vector<std::string> used_by;
    for (const auto& system : reg.systems)
        if (std::find(system.recipients.begin(), system.recipients.end(), esc(r.id)) != system.recipients.end())
            used_by.push_back(system.id);
    out << fmt::format("  systems:   {}\n", used_by.empty() ? "none" : fmt::format("{}", joined(used_by)));
}

void write_recipient_json(std::ostream& out, const model::Register& reg, const model::Recipient& recipient) {
    JsonWriter json(out);
    json.begin_object();
    recipient_fields(json, reg, recipient);
    json.end_object();
    out << '\n';
}

void write_cookies_text(std::ostream& out, const model::Register& reg) {
    if (reg.cookies.empty()) {
        out << "no cookies\n";
        return;
    }
    std::vector<std::vector<std::string>> rows{{"NAME", "PROVIDER", "CATEGORY", "EXPIRY", "SYSTEM", "PURPOSE"}};
    for (const auto& c : reg.cookies)
        rows.push_back({c.name, c.provider, c.category ? std::string(model::to_string(*c.category)) : "?",
                        c.session  ? "session"
                        : c.expiry ? c.expiry->to_string()
                                   : "?",
                        c.system.empty() ? "-" : c.system, c.purpose.empty() ? "-" : c.purpose});
    table(out, rows);
}

void write_cookies_json(std::ostream& out, const model::Register& reg) {
    JsonWriter json(out);
    json.begin_object().key("cookies").begin_array();
    for (const auto& c : reg.cookies) {
        json.begin_object().field("name", c.name).field("provider", c.provider).field("description", c.description);
        json.key("category");
        if (c.category)
            json.value(model::to_string(*c.category));
        else
            json.null();
        json.key("expiry");
        if (c.session)
            json.value("session");
        else if (c.expiry)
            json.value(c.expiry->to_string());
        else
            json.null();
        json.field("system", c.system).field("purpose", c.purpose);
        json.field("file", reg.file_of(c)).field("line", c.pos.line);
        json.end_object();
    }
    json.end_array().end_object();
    out << '\n';
}

namespace {

constexpr Format<SystemsWriter> systems_rows[]{{"text", "", write_systems_text}, {"json", "", write_systems_json}};
constexpr Format<SystemWriter> system_rows[]{{"text", "", write_system_text}, {"json", "", write_system_json}};
constexpr Format<RecipientsWriter> recipients_rows[]{{"text", "", write_recipients_text},
                                                     {"json", "", write_recipients_json}};
constexpr Format<RecipientWriter> recipient_rows[]{{"text", "", write_recipient_text},
                                                   {"json", "", write_recipient_json}};
constexpr Format<CookiesWriter> cookies_rows[]{{"text", "", write_cookies_text}, {"json", "", write_cookies_json}};

}  // namespace

FormatTable<SystemsWriter> systems_formats() { return systems_rows; }
FormatTable<SystemWriter> system_formats() { return system_rows; }
FormatTable<RecipientsWriter> recipients_formats() { return recipients_rows; }
FormatTable<RecipientWriter> recipient_formats() { return recipient_rows; }
FormatTable<CookiesWriter> cookies_formats() { return cookies_rows; }

}  // namespace gdprctl::output
