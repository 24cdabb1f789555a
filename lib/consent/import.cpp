#include "consent/import.hpp"
#include "io/json_string.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

namespace gdprctl::consent {
namespace {

enum Column : std::size_t { subject, purpose, action, at, evidence, method, notice_version, source, channel, count };

constexpr std::array<std::string_view, Column::count> column_names{
    "subject", "purpose", "action", "at", "evidence", "method", "notice_version", "source", "channel"};
constexpr std::size_t required_columns = 5;  // subject .. evidence

std::optional<std::size_t> column_of(std::string_view name) {
    for (std::size_t i = 0; i < column_names.size(); ++i)
        if (column_names[i] == name) return i;
    return std::nullopt;
}

// Lines of the input through getline(3), whose buffer is reused from line to line.
class LineReader {
public:
    explicit LineReader(std::FILE* in) : in_(in) {}
    ~LineReader() { std::free(buffer_); }
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // The next line without its end ("\n" or "\r\n"); false at the end of the input.
    bool next(std::string_view& line) {
        const auto length = ::getline(&buffer_, &capacity_, in_);
        if (length < 0) return false;
        ++number_;
        bytes_ += static_cast<std::uint64_t>(length);
        std::size_t size = static_cast<std::size_t>(length);
        if (size && buffer_[size - 1] == '\n') --size;
        if (size && buffer_[size - 1] == '\r') --size;
        line = std::string_view(buffer_, size);
        return true;
    }
    std::size_t number() const { return number_; }
    std::uint64_t bytes() const { return bytes_; }

private:
    std::FILE* in_;
    char* buffer_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t number_ = 0;
    std::uint64_t bytes_ = 0;
};

using Fields = std::vector<std::string>;

// One RFC 4180 record into `fields` (whose strings keep their capacity between rows). A quoted
// field may run over several lines; those are pulled from `reader`. Returns an error or "".
std::string split_csv(std::string_view line, LineReader& reader, Fields& fields, std::size_t& used) {
    used = 0;
    auto field = [&]() -> std::string& {
        if (used == fields.size()) fields.emplace_back();
        auto& f = fields[used++];
        f.clear();
        return f;
    };
    std::size_t i = 0;
    while (true) {
        auto& out = field();
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (true) {
                if (i == line.size()) {
                    // The quoted field goes on to the next line.
                    std::string_view more;
                    if (!reader.next(more)) return "a quoted field is not closed before the end of the file";
                    out += '\n';
                    line = more;
                    i = 0;
                    continue;
                }
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        out += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                const auto next_quote = line.find('"', i);
                const auto stop = next_quote == std::string_view::npos ? line.size() : next_quote;
                out.append(line.data() + i, stop - i);
                i = stop;
            }
            if (i < line.size() && line[i] != ',')
                return fmt::format("column {}: text after a closing quote (write \"\" for a quote inside a field)",
                                   i + 1);
        } else {
            const auto comma = line.find(',', i);
            const auto stop = comma == std::string_view::npos ? line.size() : comma;
            const auto text = line.substr(i, stop - i);
            if (text.find('"') != std::string_view::npos)
                return fmt::format("column {}: a quote inside an unquoted field (quote the whole field)", i + 1);
            out.assign(text.data(), text.size());
            i = stop;
        }
        if (i == line.size()) return {};
        ++i;  // the comma
    }
}

// A flat JSON object of string (or null) members into `values` by column. Returns an error or "".
std::string parse_json_object(std::string_view line, std::array<std::string, Column::count>& values,
                              std::array<bool, Column::count>& present, std::string& key) {
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    };
    auto error = [&](std::string_view what) { return fmt::format("column {}: {}", i + 1, what); };
    auto read_string = [&](std::string& out) -> std::string {
        out.clear();
        if (auto failed = io::decode_json_string(line, i, out); failed != io::JsonStringError::none)
            return error(io::describe(failed));
        return {};
    };
    skip_space();
    if (i >= line.size() || line[i] != '{') return error("expected a JSON object, one per line");
    ++i;
    skip_space();
    if (i < line.size() && line[i] == '}') {
        ++i;
    } else {
        while (true) {
            skip_space();
            if (i >= line.size() || line[i] != '"') return error("expected a member name in quotes");
            if (auto failed = read_string(key); !failed.empty()) return failed;
            skip_space();
            if (i >= line.size() || line[i] != ':') return error("expected `:` after a member name");
            ++i;
            skip_space();
            const auto column = column_of(key);
            if (!column) {
                std::vector<std::string_view> names(column_names.begin(), column_names.end());
                auto hint = diag::did_you_mean(key, names);
                return fmt::format("unknown member `{}`{}", key,
                                   hint.empty() ? "; " + diag::one_of(names) : "; " + hint);
            }
            if (present[*column]) return fmt::format("member `{}` appears twice", key);
            if (i < line.size() && line[i] == '"') {
                if (auto failed = read_string(values[*column]); !failed.empty()) return failed;
                present[*column] = true;
            } else if (line.substr(i, 4) == "null") {
                i += 4;
            } else {
                return fmt::format("member `{}` must be a string", key);
            }
            skip_space();
            if (i < line.size() && line[i] == ',') {
                ++i;
                continue;
            }
            if (i < line.size() && line[i] == '}') {
                ++i;
                break;
            }
            return error("expected `,` or `}`");
        }
    }
    skip_space();
    if (i != line.size()) return error("text after the object");
    return {};
}

// Everything a row is checked against, prepared once.
class RowChecker {
public:
    RowChecker(const model::Register& reg, const time::Zone& zone, time::DateTime now)
        : reg_(reg), purposes_(consent_purposes(reg)), zone_(zone), now_(now) {
        for (const auto& name : purposes_) candidates_.push_back(name);
    }

    // Fills `event` from the row; returns what is wrong, or "".
    std::string check(const std::array<std::string, Column::count>& v, store::ConsentEvent& event) {
        const auto& who = v[Column::subject];
        if (who.empty()) return "`subject` is empty";
        if (who.size() > 256) return "`subject` is longer than 256 characters";
        for (unsigned char c : who)
            if (c < 0x20 || c == 0x7f) return "`subject` contains control characters";
        if (!std::binary_search(purposes_.begin(), purposes_.end(), v[Column::purpose])) {
            auto hint = diag::did_you_mean(v[Column::purpose], candidates_);
            return fmt::format("`purpose` `{}` is not a consent-based purpose of the register{}", v[Column::purpose],
                               hint.empty() ? fmt::format(" ({})", diag::one_of(candidates_)) : "; " + hint);
        }
        const auto parsed_action = store::parse<store::ConsentAction>(v[Column::action]);
        if (!parsed_action) {
            const auto names = store::names<store::ConsentAction>();
            auto hint = diag::did_you_mean(v[Column::action], names);
            return fmt::format("`action` `{}` is not {}{}", v[Column::action], diag::one_of(names),
                               hint.empty() ? "" : "; " + hint);
        }
        std::optional<time::DateTime> when;
        try {
            when = time::parse_instant(v[Column::at], zone_);
        } catch (const Error& gap) {
            return fmt::format("`at` {}; {}", gap.what(), gap.hint());
        }
        if (!when)
            return fmt::format("`at` `{}` is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM[:SS], Z or +HH:MM optional)",
                               v[Column::at]);
        if (*when > now_) return fmt::format("`at` {} is later than now ({})", when->to_string(), now_.to_string());
        if (*parsed_action == store::ConsentAction::given && v[Column::evidence].empty())
            return "`evidence` is empty: a consent needs what the person saw and did (Art. 7(1))";
        event.subject = who;
        event.purpose = v[Column::purpose];
        event.action = *parsed_action;
        event.at = *when;
        event.evidence = v[Column::evidence];
        event.method = v[Column::method];
        event.notice_version = v[Column::notice_version];
        event.source = v[Column::source];
        event.channel = v[Column::channel];
        return {};
    }

    const std::vector<store::ConsentTask>& tasks_for(const std::string& purpose) {
        auto it = tasks_.find(purpose);
        if (it == tasks_.end()) it = tasks_.emplace(purpose, plan_withdrawal_tasks(reg_, purpose)).first;
        return it->second;
    }

private:
    const model::Register& reg_;
    std::vector<std::string> purposes_;
    std::vector<std::string_view> candidates_;
    const time::Zone& zone_;
    time::DateTime now_;
    std::map<std::string, std::vector<store::ConsentTask>, std::less<>> tasks_;
};

struct Rejected {};  // rolls the transaction back once every row has been read

}  // namespace

std::optional<FeedFormat> parse_feed_format(std::string_view text) {
    if (text == "csv") return FeedFormat::csv;
    if (text == "jsonl" || text == "ndjson") return FeedFormat::jsonl;
    return std::nullopt;
}

std::optional<FeedFormat> feed_format_of(std::string_view path) {
    auto ends_with = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
    };
    if (ends_with(".csv")) return FeedFormat::csv;
    if (ends_with(".jsonl") || ends_with(".ndjson")) return FeedFormat::jsonl;
    return std::nullopt;
}

ImportResult import_consents(store::Store& store, const model::Register& reg, std::FILE* in,
                             const ImportOptions& options, const time::Zone& zone, const store::ChangeStamp& stamp,
                             const std::function<void(std::uint64_t)>& progress) {
    ImportResult result;
    const std::string& name = options.display_name;
    auto report = [&](std::size_t line, const std::string& what) {
        ++result.error_count;
        if (result.errors.size() < options.max_errors)
            result.errors.push_back(fmt::format("{}:{}: {}", name, line, what));
    };

    auto format = options.format;
    if (!format) {
        const int first = std::fgetc(in);
        if (first != EOF) std::ungetc(first, in);
        format = first == '{' ? FeedFormat::jsonl : FeedFormat::csv;
    }

    RowChecker checker(reg, zone, std::min(stamp.at, stamp.recorded_at));  // no fact after the change or the real time
    LineReader reader(in);
    std::string_view line;
    // CSV: which column each position of the header holds.
    std::vector<std::size_t> layout;
    if (*format == FeedFormat::csv) {
        if (!reader.next(line)) {
            report(1, "the file is empty; a CSV feed starts with a header line: subject,purpose,action,at,evidence");
            return result;
        }
        Fields header;
        std::size_t used = 0;
        if (auto failed = split_csv(line, reader, header, used); !failed.empty()) {
            report(1, failed);
            return result;
        }
        std::array<bool, Column::count> seen{};
        std::vector<std::string_view> names(column_names.begin(), column_names.end());
        for (std::size_t k = 0; k < used; ++k) {
            const auto column = column_of(header[k]);
            if (!column) {
                auto hint = diag::did_you_mean(header[k], names);
                report(1, fmt::format("unknown column `{}`{}", header[k],
                                      hint.empty() ? "; columns are " + diag::one_of(names) : "; " + hint));
                continue;
            }
            if (seen[*column]) report(1, fmt::format("column `{}` appears twice", header[k]));
            seen[*column] = true;
            layout.push_back(*column);
        }
        for (std::size_t k = 0; k < required_columns; ++k)
            if (!seen[k]) report(1, fmt::format("the header has no `{}` column", column_names[k]));
        if (!result.ok()) return result;
    }

    try {
        store.write(stamp, [&](store::StoreWriter& writer) {
            Fields fields;
            std::array<std::string, Column::count> values;
            std::array<bool, Column::count> present{};
            std::string key;
            writer.expect_bulk_insert();
            store::ConsentEvent event;
            event.recorded_at = stamp.recorded_at;
            event.recorded_by = stamp.actor;
            std::uint64_t next_progress = 1 << 20;
            while (reader.next(line)) {
                const std::size_t line_number = reader.number();
                if (progress && reader.bytes() >= next_progress) {
                    progress(reader.bytes());
                    next_progress = reader.bytes() + (1 << 20);
                }
                if (line.empty()) continue;
                for (auto& value : values) value.clear();
                std::string failed;
                if (*format == FeedFormat::csv) {
                    std::size_t used = 0;
                    failed = split_csv(line, reader, fields, used);
                    if (failed.empty() && used != layout.size())
                        failed = fmt::format("expected {} fields as in the header, found {}", layout.size(), used);
                    if (failed.empty())
                        for (std::size_t k = 0; k < used; ++k) values[layout[k]].swap(fields[k]);
                } else {
                    present.fill(false);
                    failed = parse_json_object(line, values, present, key);
                    if (failed.empty())
                        for (std::size_t k = 0; k < required_columns && failed.empty(); ++k)
                            if (!present[k] && k != Column::evidence)
                                failed = fmt::format("member `{}` is missing", column_names[k]);
                }
                if (failed.empty()) failed = checker.check(values, event);
                if (!failed.empty()) {
                    report(line_number, failed);
                    continue;
                }
                ++result.rows;
                if (!result.ok()) continue;  // keep validating; nothing more is written
                const auto id = writer.insert_consent_event(event);
                if (!result.first_id) result.first_id = id;
                result.last_id = id;
                if (event.action == store::ConsentAction::given) {
                    ++result.given;
                } else {
                    ++result.withdrawn;
                    for (auto task : checker.tasks_for(event.purpose)) {
                        task.event_id = id;
                        writer.insert_consent_task(task);
                        ++result.tasks;
                    }
                }
                if (*format == FeedFormat::csv)
                    for (std::size_t k = 0; k < layout.size(); ++k) values[layout[k]].swap(fields[k]);
            }
            if (progress) progress(reader.bytes());
            if (!result.ok()) throw Rejected{};
            if (result.rows == 0) return;
            writer.append_audit({"consent.import",
                                 result.first_id == result.last_id
                                     ? event_id(result.first_id)
                                     : fmt::format("{}..{}", event_id(result.first_id), event_id(result.last_id)),
                                 fmt::format("{} event(s): {} given, {} withdrawn; {} propagation task(s)", result.rows,
                                             result.given, result.withdrawn, result.tasks)});
        });
    } catch (const Rejected&) {
        result.given = result.withdrawn = result.tasks = 0;
        result.first_id = result.last_id = 0;
    }
    return result;
}

}  // namespace gdprctl::consent
