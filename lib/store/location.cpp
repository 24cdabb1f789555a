#include "store/location.hpp"

#include <filesystem>
#include <system_error>

namespace gdprctl::store {

std::string_view server_scheme(std::string_view location) {
    for (std::string_view scheme : {"postgres://", "postgresql://"})
        if (location.substr(0, scheme.size()) == scheme) return scheme;
    return {};
}

bool store_exists(std::string_view location) {
    if (!server_scheme(location).empty()) return true;
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::path(location), ec);
}

}  // namespace gdprctl::store
