#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdprctl::store {

// The hash of the (absent) event before the first one.
inline constexpr std::string_view genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 of `data` as 64 lowercase hex digits (OpenSSL EVP).
std::string sha256_hex(std::string_view data);

// The bytes an event's hash covers besides the previous hash: every field, each prefixed by
// its length, so that no two different events share a canonical form.
std::string canonical_content(const AuditEvent& event);

// sha256(prev_hash || canonical_content(event)).
std::string chain_hash(const AuditEvent& event);

// Checks a chain streamed in sequence order, one event at a time.
class ChainVerifier {
public:
    // False once a link is broken; `problem()` then says which event and how.
    bool accept(const AuditEvent& event);
    // Compares the last event seen with the recorded head (catches removed trailing events).
    bool finish(const std::optional<AuditHead>& head);

    const std::string& problem() const { return problem_; }
    std::int64_t broken_seq() const { return broken_seq_; }
    std::int64_t events_checked() const { return count_; }

private:
    bool fail(std::int64_t seq, std::string message);

    std::int64_t expected_seq_ = 1;
    std::string prev_hash_{genesis_hash};
    std::int64_t count_ = 0;
    std::int64_t broken_seq_ = 0;
    std::string problem_;
};

// Recorded (real) time never runs backwards along the chain: a clock set back, or events
// written by a machine with a wrong clock, is reported even when every hash matches.
class RecordedTimeCheck {
public:
    void accept(const AuditEvent& event);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::optional<AuditEvent> last_;
    std::vector<std::string> problems_;
};

struct VerifyResult {
    bool ok = true;
    std::int64_t events_checked = 0;
    std::int64_t broken_seq = 0;  // the first broken event when !ok
    std::string problem;
    std::vector<std::string> time_problems;  // recorded time going backwards (also makes ok false)
};

// Walks the whole chain in one read snapshot.
VerifyResult verify_chain(Store& store);

// Every event at or after `since`, in sequence order.
void for_each_audit_event(Store& store, std::optional<time::DateTime> since,
                          const std::function<void(const AuditEvent&)>& visit);

}  // namespace gdprctl::store
