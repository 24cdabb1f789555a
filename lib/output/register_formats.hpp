#pragma once

#include "model/register.hpp"
#include "output/format_table.hpp"
#include "time/date.hpp"

#include <ostream>
#include <vector>

// Text and JSON views of systems, recipients and cookies for the list/show commands.
namespace gdprctl::output {

using SystemsWriter = void(std::ostream& out, const model::Register& reg,
                           const std::vector<const model::System*>& systems, time::Date today);
using SystemWriter = void(std::ostream& out, const model::Register& reg, const model::System& system,
                          time::Date today);
using RecipientsWriter = void(std::ostream& out, const model::Register& reg);
using RecipientWriter = void(std::ostream& out, const model::Register& reg, const model::Recipient& recipient);
using CookiesWriter = void(std::ostream& out, const model::Register& reg);

FormatTable<SystemsWriter> systems_formats();
FormatTable<SystemWriter> system_formats();
FormatTable<RecipientsWriter> recipients_formats();
FormatTable<RecipientWriter> recipient_formats();
FormatTable<CookiesWriter> cookies_formats();

void write_systems_text(std::ostream& out, const model::Register& reg, const std::vector<const model::System*>& systems,
                        time::Date today);
void write_systems_json(std::ostream& out, const model::Register& reg, const std::vector<const model::System*>& systems,
                        time::Date today);
void write_system_text(std::ostream& out, const model::Register& reg, const model::System& system, time::Date today);
void write_system_json(std::ostream& out, const model::Register& reg, const model::System& system, time::Date today);

void write_recipients_text(std::ostream& out, const model::Register& reg);
void write_recipients_json(std::ostream& out, const model::Register& reg);
void write_recipient_text(std::ostream& out, const model::Register& reg, const model::Recipient& recipient);
void write_recipient_json(std::ostream& out, const model::Register& reg, const model::Recipient& recipient);

void write_cookies_text(std::ostream& out, const model::Register& reg);
void write_cookies_json(std::ostream& out, const model::Register& reg);

}  // namespace gdprctl::output
