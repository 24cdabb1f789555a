#pragma once

#include "output/format_table.hpp"
#include "store/copy.hpp"
#include "store/pg_roles.hpp"

#include <ostream>

// The views of `store` commands: a copy between backends, the roles of a PostgreSQL store.
namespace gdprctl::output {

using CopyWriter = void(std::ostream& out, const store::CopyReport& report);
using RolesWriter = void(std::ostream& out, const store::RolesReport& report);

// Each: text (the default), json.
FormatTable<CopyWriter> copy_formats();
FormatTable<RolesWriter> roles_formats();

}  // namespace gdprctl::output
