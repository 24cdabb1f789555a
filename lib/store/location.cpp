#include "store/location.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

namespace gdprctl::store {
namespace {

// libpq's connection keywords (Debian 12's libpq 15: PQconndefaults()). A --db value that starts
// with one of them and '=' is a connection string, e.g. "host=/run/postgresql dbname=gdpr"; a
// file name such as "state=1.db" is not mistaken for one.
constexpr std::array<std::string_view, 36> libpq_keywords = {
    "application_name",
    "channel_binding",
    "client_encoding",
    "connect_timeout",
    "dbname",
    "fallback_application_name",
    "gssencmode",
    "gsslib",
    "host",
    "hostaddr",
    "keepalives",
    "keepalives_count",
    "keepalives_idle",
    "keepalives_interval",
    "krbsrvname",
    "options",
    "passfile",
    "password",
    "port",
    "replication",
    "requirepeer",
    "service",
    "ssl_max_protocol_version",
    "ssl_min_protocol_version",
    "sslcert",
    "sslcompression",
    "sslcrl",
    "sslcrldir",
    "sslkey",
    "sslmode",
    "sslpassword",
    "sslrootcert",
    "sslsni",
    "target_session_attrs",
    "tcp_user_timeout",
    "user",
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string_view server_scheme(std::string_view location) {
    for (std::string_view scheme : {"postgres://", "postgresql://"})
        if (location.substr(0, scheme.size()) == scheme) return scheme;
    return {};
}

bool is_keyword_value_string(std::string_view location) {
    std::size_t at = 0;
    while (at < location.size() && is_space(location[at])) ++at;
    const std::size_t start = at;
    while (at < location.size() && ((location[at] >= 'a' && location[at] <= 'z') || location[at] == '_')) ++at;
    const auto keyword = location.substr(start, at - start);
    while (at < location.size() && is_space(location[at])) ++at;
    if (at >= location.size() || location[at] != '=') return false;
    return std::find(libpq_keywords.begin(), libpq_keywords.end(), keyword) != libpq_keywords.end();
}

bool is_server_location(std::string_view location) {
    return !server_scheme(location).empty() || is_keyword_value_string(location);
}

bool store_exists(std::string_view location) {
    if (is_server_location(location)) return true;
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::path(location), ec);
}

}  // namespace gdprctl::store
