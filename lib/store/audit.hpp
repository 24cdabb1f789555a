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

// The secret of a keyed chain (kept outside the database: a 0600 key file or an environment
// variable). Empty: the chain is a plain SHA-256 chain.
using AuditKey = std::string;

// The key from `key_file` (which must be a regular file of mode 0600 or stricter; its contents,
// trailing newline removed) or else `key_value`; empty when neither is given. At least 16 bytes.
// Throws EnvironmentError saying what is wrong.
AuditKey load_audit_key(const std::string& key_file, const std::string& key_value);

// The audit action of a retention sweep. Its details carry `requests_deleted=N`: `verify_chain`
// accepts requests missing from the store when the sweeps after their last event deleted exactly
// that many (the trail counts deleted records, never names them).
inline constexpr std::string_view retention_sweep_action = "retention.sweep";

// Prefix of a keyed event's hash, so that a verifier knows which events need the key.
inline constexpr std::string_view keyed_prefix = "hmac-sha256:";

// sha256(prev_hash || canonical_content(event)), or with a key "hmac-sha256:" +
// HMAC-SHA-256(key, prev_hash || canonical_content(event)): without the key, an edited event
// cannot be given a hash that verifies.
std::string chain_hash(const AuditEvent& event, const AuditKey& key = {});
bool is_keyed(const AuditEvent& event);

// SHA-256 over a request and its tasks in a canonical form: what an audit event records about the
// state it left a request in.
std::string record_digest(const Request& request, const std::vector<Task>& tasks);

// "seq:hash" of the head, as printed by `audit head` and taken by `audit verify --expect`.
std::string format_head(const AuditHead& head);
std::optional<AuditHead> parse_head(std::string_view text);

// Checks a chain streamed in sequence order, one event at a time.
class ChainVerifier {
public:
    explicit ChainVerifier(AuditKey key = {}) : key_(std::move(key)) {}
    // False once a link is broken; `problem()` then says which event and how.
    bool accept(const AuditEvent& event);
    // Compares the last event seen with the recorded head (catches removed trailing events).
    bool finish(const std::optional<AuditHead>& head);

    const std::string& problem() const { return problem_; }
    std::int64_t broken_seq() const { return broken_seq_; }
    std::int64_t events_checked() const { return count_; }

private:
    bool fail(std::int64_t seq, std::string message);

    AuditKey key_;
    bool seen_keyed_ = false;
    bool last_keyed_ = false;
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
    std::int64_t records_checked = 0;  // requests checked against the events that changed them
    std::int64_t keyed_events = 0;
    std::int64_t broken_seq = 0;  // the first broken event when !ok
    std::string problem;
    std::vector<std::string> time_problems;  // recorded time going backwards (also makes ok false)
    std::optional<AuditHead> head;
    std::optional<AuditHead> expected;  // the anchor checked (VerifyOptions::expect), if any
};

struct VerifyOptions {
    AuditKey key;                       // needed to verify a keyed chain
    std::optional<AuditHead> expect;    // an anchor kept elsewhere: the chain must still hold it
};

// Walks the whole chain and every request in one read snapshot: the chain links, the head, the
// anchor, and record links in both directions (each request matches the digest recorded by the
// event that last changed it; each request an event names still exists). A keyed chain without
// the key throws EnvironmentError.
VerifyResult verify_chain(Store& store, const VerifyOptions& options = {});
// The same inside a read (or a copy's load, before its commit) that is already open.
VerifyResult verify_chain(StoreReader& reader, const VerifyOptions& options = {});

// The newest event's sequence number and hash; nothing when the trail is empty.
std::optional<AuditHead> read_audit_head(Store& store);

// Every event at or after `since`, in sequence order.
void for_each_audit_event(Store& store, std::optional<time::DateTime> since,
                          const std::function<void(const AuditEvent&)>& visit);

}  // namespace gdprctl::store
