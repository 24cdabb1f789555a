#pragma once

#include "diag/diagnostic.hpp"
#include "model/register.hpp"
#include "time/date.hpp"

#include <vector>

namespace gdprctl::rules {

// Runs every legal lint rule of the catalogue over a loaded register. `today` decides whether
// reviews are overdue. Severity and article are filled in later by apply_catalogue.
void lint(const model::Register& reg, time::Date today, std::vector<diag::Diagnostic>& out);

// Lifetimes that providers document for well-known cookies (name, ISO 8601 duration).
const std::vector<std::pair<std::string_view, std::string_view>>& well_known_cookie_lifetimes();

}  // namespace gdprctl::rules
