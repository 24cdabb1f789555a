#pragma once

#include "model/register.hpp"
#include "time/date.hpp"

#include <ostream>
#include <vector>

// Text and JSON views of systems, recipients and cookies for the list/show commands.
namespace gdprctl::authoring {

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

// The recipient `id`, or UsageError with a did-you-mean; likewise for systems.
const model::Recipient& require_recipient(const model::Register& reg, const std::string& id);
const model::System& require_system(const model::Register& reg, const std::string& id);

}  // namespace gdprctl::authoring
