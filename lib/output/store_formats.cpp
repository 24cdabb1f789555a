#include "output/store_formats.hpp"

#include "output/json_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace gdprctl::output {
namespace {

std::string head_text(const store::VerifyResult& result) {
    return result.head ? store::format_head(*result.head) : std::string("none (empty trail)");
}

void write_copy_text(std::ostream& out, const store::CopyReport& report) {
    std::int64_t total = 0;
    std::string counts;
    for (const auto& table : report.tables) {
        total += table.rows;
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", table.table, table.rows);
    }
    out << fmt::format("Copied {} row(s): {}.\n", total, counts);
    out << fmt::format("The audit trail verifies on both sides: {} event(s){}, head {}; {} request(s) match the "
                       "events that changed them.\n",
                       report.destination.events_checked,
                       report.destination.keyed_events ? fmt::format(" ({} keyed)", report.destination.keyed_events)
                                                       : "",
                       head_text(report.destination), report.destination.records_checked);
}

void write_copy_json(std::ostream& out, const store::CopyReport& report) {
    JsonWriter json(out);
    json.begin_object();
    json.key("tables").begin_object();
    for (const auto& table : report.tables) json.field(table.table, table.rows);
    json.end_object();
    for (const auto& [name, result] : {std::pair{"source", &report.source}, std::pair{"destination", &report.destination}}) {
        json.key(name).begin_object();
        json.field("verified", result->ok);
        json.field("events", result->events_checked);
        json.field("keyed_events", result->keyed_events);
        json.field("records", result->records_checked);
        json.field("head", result->head ? store::format_head(*result->head) : std::string());
        json.end_object();
    }
    json.end_object();
}

constexpr Format<CopyWriter> copy_rows[]{{"text", "", write_copy_text}, {"json", "", write_copy_json}};

void write_roles_text(std::ostream& out, const store::RolesReport& report) {
    out << fmt::format("Role {}: every gdprctl command; changes {}; appends to {} and can neither change nor "
                       "delete an audit event.\n",
                       report.roles.app, fmt::join(report.writable, ", "), fmt::join(report.append_only, ", "));
    out << fmt::format("Role {}: reads every table, changes nothing.\n", report.roles.read);
    out << "The audit trail's trigger refuses UPDATE, DELETE and TRUNCATE of it for every role.\n";
    out << fmt::format("Give people logins of their own in these roles, e.g. in psql:\n"
                       "  CREATE ROLE alice LOGIN IN ROLE {0};\n"
                       "  CREATE ROLE auditor LOGIN IN ROLE {1};\n"
                       "An erasure by {0} leaves the erased values in the database's files until you, the owner,\n"
                       "run the VACUUM (FULL) that `subject erase` names (PostgreSQL lets only a table's owner).\n"
                       "Run this command again after upgrading gdprctl (docs/deployment.md).\n",
                       report.roles.app, report.roles.read);
}

void write_roles_json(std::ostream& out, const store::RolesReport& report) {
    JsonWriter json(out);
    json.begin_object();
    json.field("app_role", report.roles.app);
    json.field("read_role", report.roles.read);
    json.strings("writable", report.writable);
    json.strings("append_only", report.append_only);
    json.strings("read_only", report.read_only);
    json.end_object();
}

constexpr Format<RolesWriter> roles_rows[]{{"text", "", write_roles_text}, {"json", "", write_roles_json}};

}  // namespace

FormatTable<CopyWriter> copy_formats() { return copy_rows; }
FormatTable<RolesWriter> roles_formats() { return roles_rows; }

}  // namespace gdprctl::output
