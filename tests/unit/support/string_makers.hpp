#pragma once

// Lets Catch2 print dates and durations in failed assertions instead of {?}.
#include "time/date.hpp"

#include <catch2/catch.hpp>

namespace Catch {
template <>
struct StringMaker<gdprctl::time::Date> {
    static std::string convert(const gdprctl::time::Date& date) { return date.to_string(); }
};
template <>
struct StringMaker<gdprctl::time::DateTime> {
    static std::string convert(const gdprctl::time::DateTime& at) { return at.to_string(); }
};
template <>
struct StringMaker<gdprctl::time::Duration> {
    static std::string convert(const gdprctl::time::Duration& duration) { return duration.to_string(); }
};
}  // namespace Catch
