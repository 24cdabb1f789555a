// The privacy-notice tables as JSON, for a website build that renders them itself.
#include "output/json_writer.hpp"
#include "output/report_formats.hpp"

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

void names(output::JsonWriter& json, const std::vector<DataItem>& items) {
    json.key("data").begin_array();
    for (const auto& item : items) json.value(item.name);
    json.end_array();
}

}  // namespace

void write_notice_json(std::ostream& out, const NoticeRecord& n) {
    output::JsonWriter json(out);
    json.begin_object();
    json.field("report", "notice")
        .field("language", to_string(n.language))
        .field("as_of", n.as_of.to_string())
        .field("register_errors", n.register_errors);
    json.field("gaps", n.flagged());
    json.strings("warnings", n.warnings);
    json.key("controller").begin_object();
    json.field("name", n.controller.name).field("registration", n.controller.registration);
    json.field("address", n.controller.address).field("email", n.controller.email).field("phone", n.controller.phone);
    json.field("supervisory_authority", n.controller.supervisory_authority);
    for (auto [key, person] : {std::pair{"responsible_person", &n.controller.responsible_person},
                               {"dpo", &n.controller.dpo},
                               {"representative", &n.controller.representative}}) {
        if (*person)
            json.field(key, (*person)->summary());
        else
            json.key(key).null();
    }
    json.end_object();
    json.key("data").begin_array();
    for (const auto& row : n.data) {
        json.begin_object().field("id", row.item.id).field("name", row.item.name);
        json.field("special_category", row.item.data_class == model::DataClass::special);
        json.field("criminal_data", row.item.data_class == model::DataClass::criminal);
        json.strings("purposes", row.purposes);
        json.end_object();
    }
    json.end_array();
    json.key("purposes").begin_array();
    for (const auto& row : n.purposes) {
        json.begin_object().field("description", row.description);
        names(json, row.data);
        json.field("basis", row.basis).field("note", row.note).field("requirement", row.requirement).end_object();
    }
    json.end_array();
    json.key("retention").begin_array();
    for (const auto& row : n.retention) {
        json.begin_object().field("purpose", row.purpose);
        names(json, row.data);
        json.field("period", row.period).field("flagged", row.flagged).end_object();
    }
    json.end_array();
    json.key("third_parties").begin_array();
    for (const auto& row : n.third_parties) {
        json.begin_object().field("name", row.name).field("role", row.role).field("country", row.country);
        json.field("safeguard", row.safeguard).field("flagged", row.flagged).end_object();
    }
    json.end_array();
    json.key("cookies").begin_array();
    for (const auto& row : n.cookies) {
        json.begin_object().field("name", row.name).field("provider", row.provider).field("category", row.category);
        json.field("purpose", row.purpose).field("expiry", row.expiry).field("consent", row.consent);
        json.field("flagged", row.flagged).end_object();
    }
    json.end_array();
    json.key("rights").begin_array();
    for (const auto& right : n.rights)
        json.begin_object()
            .field("right", right.name)
            .field("article", right.article)
            .field("what", right.what)
            .end_object();
    json.end_array();
    json.key("automated_decisions").begin_array();
    for (const auto& row : n.automated)
        json.begin_object()
            .field("system", row.system)
            .field("logic", row.logic)
            .field("consequences", row.consequences)
            .field("legal_effect", row.legal_effect)
            .end_object();
    json.end_array();
    json.key("sources").begin_array();
    for (const auto& row : n.sources) {
        json.begin_object().field("source", row.source);
        names(json, row.data);
        json.end_object();
    }
    json.end_array();
    json.field("cookies_only_with_consent", n.cookies_consented);
    if (n.third_country) json.field("transfer_safeguards_copy", notice_transfer_copy_text(n));
    json.field("how_to_exercise", notice_exercise_text(n)).field("complaints", notice_complaint_text(n));
    json.end_object();
    out << '\n';
}

}  // namespace gdprctl::output
