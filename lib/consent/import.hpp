#pragma once

#include "consent/consent.hpp"

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

// `consent import`: the bulk feed of a web form or a consent manager, as CSV or JSON Lines.
namespace gdprctl::consent {

enum class FeedFormat { csv, jsonl };

// From the file name (.csv, .jsonl/.ndjson); nullopt when the name says nothing (stdin).
std::optional<FeedFormat> feed_format_of(std::string_view path);
std::optional<FeedFormat> parse_feed_format(std::string_view text);

struct ImportOptions {
    std::string display_name;         // FILE as the user wrote it ("-" for stdin), for messages
    std::optional<FeedFormat> format;  // nullopt: guessed from the first byte ('{' is JSON Lines)
    std::size_t max_errors = 20;       // reported one by one; then only counted
};

struct ImportResult {
    std::size_t rows = 0;
    std::size_t given = 0;
    std::size_t withdrawn = 0;
    std::size_t tasks = 0;
    std::int64_t first_id = 0;
    std::int64_t last_id = 0;
    // "FILE:LINE: what is wrong", at most max_errors of them; error_count counts them all.
    std::vector<std::string> errors;
    std::size_t error_count = 0;
    bool ok() const { return error_count == 0; }
};

// Reads `in` to its end, validating every row against the register (a consent-based purpose,
// a known action, a time not in the future, evidence for a consent), and stores all rows in
// one transaction with one audit event, or nothing at all when any row is bad. `progress` is
// called now and then with the number of bytes read.
ImportResult import_consents(store::Store& store, const model::Register& reg, std::FILE* in,
                             const ImportOptions& options, const time::Zone& zone, const store::ChangeStamp& stamp,
                             const std::function<void(std::uint64_t)>& progress = {});

}  // namespace gdprctl::consent
