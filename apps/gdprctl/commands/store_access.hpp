#pragma once

#include "context.hpp"
#include "model/register.hpp"
#include "store/store.hpp"
#include "time/deadline.hpp"

#include <memory>

// Shared by the commands that use the operational store.
namespace gdprctl::cli {

std::unique_ptr<store::Store> open_store(const Context& context);
store::ChangeStamp change_stamp(const Context& context);
// The workspace's register; warns on stderr (unless -q) when it has structural problems.
model::Register load_workspace_register(const Context& context);
// Public holidays from gdpr.yaml, or none when there is no workspace (e.g. only --db given).
time::HolidayCalendar workspace_calendar(const Context& context);
bool wants_json(const Context& context);

}  // namespace gdprctl::cli
