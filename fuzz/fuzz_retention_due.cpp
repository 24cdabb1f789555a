// The streaming CSV/JSONL reader of `retention due`: any bytes give due records, bad rows or a
// refusal (UsageError for a missing column), never a crash or unbounded memory; and the answer
// does not depend on how the input arrives in chunks (the reader keeps state across reads).
// Input: the first byte chooses the format, whether ids or whole records are printed, and the
// chunk size of the second pass; the rest is the export.
#include "errors.hpp"
#include "retention/due.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// The export in chunks of `chunk` bytes, as a pipe would deliver it.
class ChunkedSource : public gdprctl::io::ByteSource {
public:
    ChunkedSource(std::string_view data, std::size_t chunk) : data_(data), chunk_(chunk) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, chunk_, data_.size() - offset_});
        std::memcpy(buffer, data_.data() + offset_, n);
        offset_ += n;
        return n;
    }

private:
    std::string_view data_;
    std::size_t chunk_;
    std::size_t offset_ = 0;
};

// Everything the scan reports, as one string to compare, or "refused" for a UsageError.
std::string scan(std::string_view data, std::size_t chunk, const gdprctl::retention::DueQuery& query) {
    std::string out;
    gdprctl::retention::DueSink sink;
    sink.due = [&](std::string_view record) { out.append("due ").append(record).push_back('\n'); };
    sink.bad = [&](std::size_t line, std::string_view message) {
        out.append("bad ").append(std::to_string(line)).append(" ").append(message).push_back('\n');
    };
    ChunkedSource source(data, chunk);
    try {
        const auto counts = gdprctl::retention::scan_due(source, query, sink);
        if (counts.due + counts.bad > counts.records + 1) std::abort();  // +1: a bad header row
        out.append(std::to_string(counts.records)).push_back('/');
        out.append(std::to_string(counts.due)).push_back('/');
        out.append(std::to_string(counts.bad));
    } catch (const gdprctl::UsageError&) {
        out = "refused";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gdprctl;
    if (size == 0) return 0;
    const std::uint8_t control = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    retention::DueQuery query;
    query.name = "fuzz-export";
    query.format = (control & 1) != 0 ? retention::InputFormat::jsonl : retention::InputFormat::csv;
    query.timestamp_column = "created";
    if ((control & 2) != 0) query.id_column = "id";
    query.period = *time::parse_duration("P1Y6M");
    query.as_of = time::Date::from_ymd(2026, 11, 25);

    const std::size_t chunk = 1 + (control >> 2);  // 1..64 bytes per read
    if (scan(text, text.size() + 1, query) != scan(text, chunk, query)) std::abort();
    return 0;
}
