#include "store/audit.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

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
    return out;
}

std::string chain_hash(const AuditEvent& event) {
    return sha256_hex(event.prev_hash + canonical_content(event));
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
    if (chain_hash(event) != event.hash)
        return fail(event.seq, fmt::format("event {} ({} {}) was altered: its content no longer matches its hash",
                                           event.seq, event.action, event.target));
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

VerifyResult verify_chain(Store& store) {
    VerifyResult result;
    ChainVerifier verifier;
    RecordedTimeCheck times;
    store.read([&](StoreReader& reader) {
        reader.for_each_audit_event(std::nullopt, [&](const AuditEvent& event) {
            times.accept(event);
            return verifier.accept(event);
        });
        verifier.finish(reader.audit_head());
    });
    result.time_problems = times.problems();
    result.ok = verifier.problem().empty() && result.time_problems.empty();
    result.events_checked = verifier.events_checked();
    result.broken_seq = verifier.broken_seq();
    result.problem = verifier.problem();
    return result;
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
