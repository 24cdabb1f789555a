// The record as JSON, for tools that build on it (dashboards, other registers, diffs in CI).
#include "output/json_writer.hpp"
#include "output/report_formats.hpp"

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {


void text_or_null(JsonWriter& json, std::string_view key, const std::string& text) {
    json.key(key);
    if (text.empty())
        json.null();
    else
        json.value(text);
}

void person(JsonWriter& json, std::string_view key, const std::optional<ContactPerson>& p) {
    json.key(key);
    if (!p) {
        json.null();
        return;
    }
    json.begin_object();
    text_or_null(json, "name", p->name);
    text_or_null(json, "role", p->role);
    text_or_null(json, "email", p->email);
    text_or_null(json, "phone", p->phone);
    json.end_object();
}

std::string_view class_name(model::DataClass data_class) {
    switch (data_class) {
        case model::DataClass::special:
            return "special";
        case model::DataClass::criminal:
            return "criminal";
        case model::DataClass::ordinary:
            break;
    }
    return "ordinary";
}

void data(JsonWriter& json, std::string_view key, const std::vector<DataItem>& items) {
    json.key(key).begin_array();
    for (const auto& item : items) {
        json.begin_object();
        json.field("id", item.id).field("name", item.name).field("class", class_name(item.data_class));
        json.field("known", item.known);
        json.end_object();
    }
    json.end_array();
}

void retention(JsonWriter& json, const std::vector<RetentionEntry>& entries) {
    json.key("retention").begin_array();
    for (const auto& entry : entries) {
        json.begin_object();
        data(json, "data", entry.data);
        text_or_null(json, "period", entry.period);
        json.field("text", entry.text).field("undetermined", entry.undetermined).field("missing", entry.missing);
        text_or_null(json, "reason", entry.reason);
        json.end_object();
    }
    json.end_array();
}

void recipient(JsonWriter& json, const RecipientEntry& r) {
    json.begin_object();
    json.field("id", r.id).field("name", r.name).field("declared", r.declared);
    text_or_null(json, "role", r.role);
    text_or_null(json, "country", r.country);
    json.field("third_country", r.third_country);
    text_or_null(json, "transfer", r.transfer);
    text_or_null(json, "safeguard", r.safeguard);
    text_or_null(json, "agreement", r.agreement);
    text_or_null(json, "contact", r.contact);
    json.end_object();
}

void purpose(JsonWriter& json, const PurposeEntry& p) {
    json.begin_object();
    json.field("id", p.id).field("description", p.description);
    text_or_null(json, "basis", p.basis);
    text_or_null(json, "basis_article", p.basis_article);
    data(json, "data", p.data);
    json.field("special_category", p.special).field("criminal_data", p.criminal);
    text_or_null(json, "special_condition", p.special_condition);
    text_or_null(json, "criminal_authority", p.criminal_authority);
    text_or_null(json, "lia", p.lia);
    text_or_null(json, "law", p.law);
    text_or_null(json, "consent_evidence", p.consent_evidence);
    text_or_null(json, "consent_withdrawal", p.consent_withdrawal);
    retention(json, p.retention);
    json.strings("rights", p.rights);
    text_or_null(json, "interest", p.interest);
    text_or_null(json, "requirement", p.requirement);
    json.key("recipients").begin_array();
    for (const auto& r : p.recipients) json.value(r.id);
    json.end_array();
    json.end_object();
}

}  // namespace

void write_ropa_json(std::ostream& out, const RopaRecord& record) {
    JsonWriter json(out);
    json.begin_object();
    json.field("report", "ropa").field("as_of", record.as_of.to_string());
    json.field("register_errors", record.register_errors);
    const auto& c = record.controller;
    json.key("controller");
    if (!c.recorded) {
        json.null();
    } else {
        json.begin_object();
        json.field("name", c.name);
        text_or_null(json, "registration", c.registration);
        text_or_null(json, "country", c.country);
        text_or_null(json, "address", c.address);
        text_or_null(json, "email", c.email);
        text_or_null(json, "phone", c.phone);
        person(json, "responsible_person", c.responsible_person);
        person(json, "dpo", c.dpo);
        person(json, "representative", c.representative);
        json.key("joint_controllers").begin_array();
        for (const auto& r : record.joint_controllers) json.value(r.id);
        json.end_array();
        text_or_null(json, "supervisory_authority", c.supervisory_authority);
        json.end_object();
    }
    json.key("systems").begin_array();
    for (const auto& s : record.systems) {
        json.begin_object();
        json.field("id", s.id).field("name", s.name);
        text_or_null(json, "description", s.description);
        text_or_null(json, "owner", s.owner);
        json.strings("subjects", s.subjects);
        data(json, "data", s.data);
        json.strings("sources", s.sources);
        json.key("recipients").begin_array();
        for (const auto& r : s.recipients) json.value(r.id);
        json.end_array();
        retention(json, s.retention);
        json.strings("security", s.security);
        text_or_null(json, "last_review", s.last_review);
        text_or_null(json, "next_review", s.next_review);
        json.field("review_overdue", s.review_overdue);
        json.key("purposes").begin_array();
        for (const auto& p : s.purposes) purpose(json, p);
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("recipients").begin_array();
    for (const auto& r : record.recipients) recipient(json, r);
    json.end_array();
    json.end_object();
    out << '\n';
}

}  // namespace gdprctl::output
