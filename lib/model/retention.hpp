#pragma once

#include "model/register.hpp"

#include <string_view>
#include <vector>

namespace gdprctl::model {

// Which categories of `key` a system keeps without a retention rule (GDPR Art. 5(1)(e), 30(1)(f)):
// empty when a rule names `key` or a parent of it; else the leaf categories under `key` that the
// rules on some of its children leave out; else just `key`. A rule on `contact.email` does not
// say when the rest of `contact` is erased. check, the retention schedule and the review all ask
// this one function.
std::vector<std::string_view> uncovered_by_retention(const Taxonomy& taxonomy, const System& system,
                                                     std::string_view key);

}  // namespace gdprctl::model
