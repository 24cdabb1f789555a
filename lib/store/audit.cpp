#include "store/audit.hpp"

#include "errors.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <set>

#include <memory>
#include <stdexcept>

namespace gdprctl::store {

std::string sha256_hex(std::string_view data) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
        throw std::runtime_error("SHA-256 is not available from OpenSSL");
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

std::string canonical_content(const AuditEvent& event) {
    std::string out;
    auto field = [&out](std::string_view value) { out += fmt::format("{}:{}\n", value.size(), value); };
    field(std::to_string(event.seq));
    field(event.at.to_string());
    field(event.actor);
    field(event.action);
    field(event.target);
    field(event.details);
    // Since migration 2 every event records its real time (and any backdate reason); events from
    // before it keep their original canonical form, so that existing chains still verify.
    if (event.recorded_at) {
        field(event.recorded_at->to_string());
        field(event.backdate_reason);
    }
    // Only events with record links carry this field, so the hashes of older events are unchanged.
    if (!event.records.empty()) field(event.records);
    return out;
}

namespace {

std::string hex_of(const unsigned char* digest, unsigned int length) {
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

std::string hmac_sha256_hex(const AuditKey& key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), digest, &length))
        throw std::runtime_error("HMAC-SHA-256 is not available from OpenSSL");
    return hex_of(digest, length);
}

}  // namespace

std::string chain_hash(const AuditEvent& event, const AuditKey& key) {
    const std::string data = event.prev_hash + canonical_content(event);
    if (key.empty()) return sha256_hex(data);
    return std::string(keyed_prefix) + hmac_sha256_hex(key, data);
}

AuditKey load_audit_key(const std::string& key_file, const std::string& key_value) {
    AuditKey key;
    if (!key_file.empty()) {
        struct stat info {};
        int fd = ::open(key_file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            throw EnvironmentError(fmt::format("cannot read the audit key file {}: {}", key_file, std::strerror(errno)),
                                   "check GDPRCTL_AUDIT_KEY_FILE");
        const bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
        if (!ok || (info.st_mode & 077) != 0) {
            ::close(fd);
            throw EnvironmentError(
                ok ? fmt::format("the audit key file {} can be read by others (mode {:o})", key_file, info.st_mode & 0777)
                   : fmt::format("the audit key file {} is not a regular file", key_file),
                "keep the key in a regular file of mode 0600 (`chmod 600`), outside the workspace");
        }
        char buffer[4096];
        while (true) {
            auto n = ::read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0 || key.size() > 65536) break;
            key.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(fd);
        while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    } else {
        key = key_value;
    }
    if (!key.empty() && key.size() < 16)
        throw EnvironmentError("the audit key is shorter than 16 bytes",
                               "use a random key, e.g. `openssl rand -hex 32 > key && chmod 600 key`");
    return key;
}

bool is_keyed(const AuditEvent& event) { return event.hash.rfind(keyed_prefix, 0) == 0; }

std::string record_digest(const Request& r, const std::vector<Task>& tasks) {
    std::string out;
    auto field = [&out](std::string_view value) { out += fmt::format("{}:{}\n", value.size(), value); };
    auto date = [](const auto& value) { return value ? value->to_string() : std::string("-"); };
    field(r.id);
    field(std::to_string(r.year));
    field(std::to_string(r.number));
    field(to_string(r.type));
    field(r.subject ? "1" + *r.subject : std::string("0"));
    field(r.subject_kind);
    field(r.received.to_string());
    field(r.due.to_string());
    field(r.channel);
    field(r.note);
    field(to_string(r.status));
    field(r.opened_at.to_string());
    field(r.opened_by);
    field(date(r.extended_on));
    field(r.extension_reason);
    field(date(r.subject_informed_on));
    field(r.outcome ? std::string(to_string(*r.outcome)) : std::string("-"));
    field(r.close_reason);
    field(date(r.closed_at));
    field(date(r.erased_at));
    for (const auto& task : tasks) {
        field(to_string(task.kind));
        field(task.target);
        field(task.via);
        field(date(task.done_at));
        field(task.done_by);
        field(task.note);
    }
    return sha256_hex(out);
}

std::string format_head(const AuditHead& head) { return fmt::format("{}:{}", head.seq, head.hash); }

std::optional<AuditHead> parse_head(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    AuditHead head;
    auto [end, ec] = std::from_chars(text.data(), text.data() + colon, head.seq);
    if (ec != std::errc{} || end != text.data() + colon || head.seq < 0) return std::nullopt;
    head.hash = std::string(text.substr(colon + 1));
    if (head.hash.empty()) return std::nullopt;
    return head;
}

bool ChainVerifier::fail(std::int64_t seq, std::string message) {
    broken_seq_ = seq;
    problem_ = std::move(message);
    return false;
}

bool ChainVerifier::accept(const AuditEvent& event) {
    if (!problem_.empty()) return false;
    if (event.seq != expected_seq_)
        return fail(expected_seq_,
                    fmt::format("event {} is missing (the next event present is {})", expected_seq_, event.seq));
    if (event.prev_hash != prev_hash_)
        return fail(event.seq, fmt::format("event {} does not link to event {}: its previous-hash differs", event.seq,
                                           event.seq - 1));
    const bool keyed = is_keyed(event);
    if (keyed && key_.empty())
        throw EnvironmentError(
            fmt::format("the audit trail is keyed (event {} on): verifying it needs the key", event.seq),
            "set GDPRCTL_AUDIT_KEY_FILE to the 0600 key file (or GDPRCTL_AUDIT_KEY) and run again");
    if (!keyed && seen_keyed_)
        return fail(event.seq, fmt::format("event {} has a plain hash after keyed events: the chain was recomputed "
                                           "without the key",
                                           event.seq));
    if (chain_hash(event, keyed ? key_ : AuditKey{}) != event.hash)
        return fail(event.seq, fmt::format("event {} ({} {}) was altered: its content no longer matches its hash{}",
                                           event.seq, event.action, event.target,
                                           keyed ? " (or the key is not the one it was written with)" : ""));
    seen_keyed_ = seen_keyed_ || keyed;
    last_keyed_ = keyed;
    prev_hash_ = event.hash;
    ++expected_seq_;
    ++count_;
    return true;
}

bool ChainVerifier::finish(const std::optional<AuditHead>& head) {
    if (!problem_.empty()) return false;
    const std::int64_t last = expected_seq_ - 1;
    if (!head) {
        if (last == 0) return true;
        return fail(last, "the record of the chain's newest event is missing");
    }
    if (head->seq != last)
        return fail(last + 1, fmt::format("the chain ends at event {} but event {} was recorded as its newest; "
                                          "events were removed",
                                          last, head->seq));
    if (head->hash != prev_hash_)
        return fail(last, fmt::format("event {} differs from the one recorded as the chain's newest", last));
    if (!key_.empty() && last > 0 && !last_keyed_)
        return fail(last, fmt::format("a key is configured but the newest event ({}) is not keyed: the chain was "
                                      "recomputed without the key, or the key was set after the last change",
                                      last));
    return true;
}

void RecordedTimeCheck::accept(const AuditEvent& event) {
    if (!event.recorded_at) return;
    if (last_ && *event.recorded_at < *last_->recorded_at)
        problems_.push_back(fmt::format("event {} was recorded at {}, before event {} ({}): recorded time goes "
                                        "backwards",
                                        event.seq, event.recorded_at->to_string(), last_->seq,
                                        last_->recorded_at->to_string()));
    last_ = event;
}

namespace {

// "id=digest" lines of an event's records.
std::vector<std::pair<std::string, std::string>> parse_records(std::string_view records) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!records.empty()) {
        auto nl = records.find('\n');
        auto line = records.substr(0, nl);
        records = nl == std::string_view::npos ? std::string_view{} : records.substr(nl + 1);
        auto eq = line.rfind('=');
        if (eq == std::string_view::npos) continue;
        out.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
    }
    return out;
}

// Every request id starts so (REQ-<year>-<number>).
constexpr std::string_view request_id_prefix = "REQ-";

bool names_a_request(const AuditEvent& event) {
    return event.action.rfind("request.", 0) == 0 || event.action.rfind("subject.", 0) == 0;
}

// The number of requests a retention.sweep event deleted (its `requests_deleted=N`); 0 for any
// other event.
std::size_t requests_deleted(const AuditEvent& event) {
    if (event.action != retention_sweep_action) return 0;
    constexpr std::string_view key = "requests_deleted=";
    const auto at = event.details.find(key);
    if (at == std::string::npos) return 0;
    std::size_t count = 0;
    const char* first = event.details.data() + at + key.size();
    std::from_chars(first, event.details.data() + event.details.size(), count);
    return count;
}

}  // namespace

VerifyResult verify_chain(StoreReader& reader, const VerifyOptions& options) {
    VerifyResult result;
    ChainVerifier verifier(options.key);
    RecordedTimeCheck times;
    struct Mention {
        std::int64_t seq = 0;
        std::string digest;  // empty: an event without record links (older store)
    };
    std::map<std::string, Mention> last_mention;  // request id -> newest event naming it
    // Requests deleted by retention sweeps: the trail records how many, never which.
    std::size_t swept = 0;
    std::int64_t last_sweep_seq = 0;
    std::optional<std::string> expected_hash_found;
    std::int64_t keyed = 0;
    bool links_ok = true;
    std::int64_t link_broken_seq = 0;
    std::string link_problem;
    auto link_fail = [&](std::int64_t seq, std::string message) {
        if (!links_ok) return;
        links_ok = false;
        link_broken_seq = seq;
        link_problem = std::move(message);
    };
    // One pass, left early at the first broken link.
    [&] {
        reader.for_each_audit_event(std::nullopt, [&](const AuditEvent& event) {
            times.accept(event);
            if (!verifier.accept(event)) return false;
            if (is_keyed(event)) ++keyed;
            if (options.expect && event.seq == options.expect->seq) expected_hash_found = event.hash;
            if (const auto deleted = requests_deleted(event); deleted > 0) {
                swept += deleted;
                last_sweep_seq = event.seq;
            }
            auto records = parse_records(event.records);
            for (auto& [id, digest] : records) last_mention[id] = {event.seq, digest};
            // An event without record links names its requests in `target`, several of them
            // comma-separated (subject.erase.forced).
            if (records.empty() && names_a_request(event)) {
                std::string_view targets = event.target;
                while (!targets.empty()) {
                    const auto comma = targets.find(',');
                    // `subject erase` also names what it did to the consent ledger ("consent",
                    // CON-n), which are not requests.
                    if (const auto target = targets.substr(0, comma); target.rfind(request_id_prefix, 0) == 0)
                        last_mention[std::string(target)] = {event.seq, {}};
                    targets = comma == std::string_view::npos ? std::string_view{} : targets.substr(comma + 1);
                }
            }
            return true;
        });
        result.head = reader.audit_head();
        verifier.finish(result.head);
        if (!verifier.problem().empty()) return;
        // Records -> events: every request is tied to the event that last changed it and matches
        // the digest that event recorded.
        std::set<std::string> present;
        reader.for_each_request({}, [&](const Request& request) {
            present.insert(request.id);
            ++result.records_checked;
            auto mention = last_mention.find(request.id);
            if (!request.audit_seq) {
                link_fail(0, fmt::format("request {} is tied to no audit event: it was added or changed outside "
                                         "gdprctl",
                                         request.id));
                return links_ok;
            }
            if (mention == last_mention.end() || mention->second.seq != *request.audit_seq) {
                link_fail(*request.audit_seq,
                          fmt::format("request {} was last changed by event {}, which {}", request.id,
                                      *request.audit_seq,
                                      mention == last_mention.end()
                                          ? "is not in the trail: events were removed"
                                          : fmt::format("the trail does not show (its newest event about it is {})",
                                                        mention->second.seq)));
                return links_ok;
            }
            if (!mention->second.digest.empty() &&
                record_digest(request, reader.tasks_of(request.id)) != mention->second.digest)
                link_fail(*request.audit_seq,
                          fmt::format("request {} or its tasks changed since event {} recorded them: the store was "
                                      "edited outside gdprctl",
                                      request.id, *request.audit_seq));
            return links_ok;
        });
        // Events -> records: every request an event names is still in the store, or was deleted by a
        // retention sweep after its last event; the sweeps' counts must add up to exactly those.
        std::vector<std::pair<std::string, Mention>> absent;
        for (const auto& [id, mention] : last_mention)
            if (!present.count(id)) absent.emplace_back(id, mention);
        for (const auto& [id, mention] : absent)
            if (mention.seq > last_sweep_seq)
                link_fail(mention.seq, fmt::format("event {} names request {}, which is no longer in the store: "
                                                   "records were deleted",
                                                   mention.seq, id));
        if (absent.size() != swept && links_ok) {
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < absent.size() && i < 10; ++i) ids.push_back(absent[i].first);
            if (absent.size() > 10) ids.push_back("...");
            link_fail(absent.empty() ? last_sweep_seq : absent.front().second.seq,
                      fmt::format("{} request(s) named by the trail are no longer in the store{}, but retention "
                                  "sweeps deleted {}: records were deleted or put back outside gdprctl",
                                  absent.size(), ids.empty() ? "" : fmt::format(" ({})", fmt::join(ids, ", ")),
                                  swept));
        }
    }();
    result.events_checked = verifier.events_checked();
    result.keyed_events = keyed;
    result.expected = options.expect;
    // Recorded time going backwards is reported beside any broken link, and is itself a failure.
    result.time_problems = times.problems();
    if (!result.time_problems.empty()) result.ok = false;
    if (!verifier.problem().empty()) {
        result.ok = false;
        result.broken_seq = verifier.broken_seq();
        result.problem = verifier.problem();
        return result;
    }
    if (!links_ok) {
        result.ok = false;
        result.broken_seq = link_broken_seq;
        result.problem = link_problem;
        return result;
    }
    if (options.expect) {
        if (!expected_hash_found) {
            result.ok = false;
            result.broken_seq = options.expect->seq;
            result.problem = fmt::format("the anchor {} is not in the trail: event {} is missing (the trail was cut "
                                         "back or replaced)",
                                         format_head(*options.expect), options.expect->seq);
        } else if (*expected_hash_found != options.expect->hash) {
            result.ok = false;
            result.broken_seq = options.expect->seq;
            result.problem = fmt::format("event {} is not the one anchored ({}): the trail was rewritten since",
                                         options.expect->seq, format_head(*options.expect));
        }
    }
    return result;
}

VerifyResult verify_chain(Store& store, const VerifyOptions& options) {
    VerifyResult result;
    store.read([&](StoreReader& reader) { result = verify_chain(reader, options); });
    return result;
}

std::optional<AuditHead> read_audit_head(Store& store) {
    std::optional<AuditHead> head;
    store.read([&](StoreReader& reader) { head = reader.audit_head(); });
    return head;
}

void for_each_audit_event(Store& store, std::optional<time::DateTime> since,
                          const std::function<void(const AuditEvent&)>& visit) {
    store.read([&](StoreReader& reader) {
        reader.for_each_audit_event(since, [&](const AuditEvent& event) {
            visit(event);
            return true;
        });
    });
}

}  // namespace gdprctl::store
