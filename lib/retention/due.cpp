#include "retention/due.hpp"
#include "io/json_string.hpp"

#include "diag/suggest.hpp"
#include "errors.hpp"
#include "io/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace gdprctl::retention {
namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

int number(std::string_view text, std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

unsigned days_in_month(int year, int month) {
    static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month != 2) return days[month - 1];
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
}

// The date as a number YYYYMMDD, or -1 when the text is not a timestamp (parse_record_date's
// grammar). Per row this is all the work: no calendar arithmetic, no allocation.
long date_key(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.size() < 10 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2) || text[7] != '-' ||
        !digits(text, 8, 2))
        return -1;
    int year = number(text, 0, 4), month = number(text, 5, 2), day = number(text, 8, 2);
    if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month)) return -1;
    long key = year * 10000L + month * 100L + day;
    if (text.size() == 10) return key;
    std::size_t i = 10;
    if (text[i] != 'T' && text[i] != ' ') return -1;
    ++i;
    if (!digits(text, i, 2) || i + 2 >= text.size() || text[i + 2] != ':' || !digits(text, i + 3, 2)) return -1;
    if (number(text, i, 2) > 23 || number(text, i + 3, 2) > 59) return -1;
    i += 5;
    if (i < text.size() && text[i] == ':') {
        if (!digits(text, i + 1, 2) || number(text, i + 1, 2) > 60) return -1;
        i += 3;
        if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
            std::size_t start = ++i;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
            if (i == start) return -1;
        }
    }
    if (i == text.size()) return key;
    if (text[i] == 'Z') return i + 1 == text.size() ? key : -1;
    if (text[i] != '+' && text[i] != '-') return -1;
    ++i;
    if (!digits(text, i, 2) || number(text, i, 2) > 23) return -1;
    i += 2;
    if (i < text.size() && text[i] == ':') ++i;
    if (!digits(text, i, 2) || number(text, i, 2) > 59) return -1;
    return i + 2 == text.size() ? key : -1;
}

long key_of(time::Date date) {
    return date.year() * 10000L + date.month() * 100L + date.day();
}

std::string quoted_list(const std::vector<std::string_view>& names) {
    std::vector<std::string> quoted;
    for (auto name : names) quoted.push_back(fmt::format("`{}`", name));
    return fmt::format("{}", fmt::join(quoted, ", "));
}

// Ids go one per line to a deletion script, so a line break or control character inside one
// would split or forge a line; such a row is reported instead.
bool safe_id(std::string_view id) {
    return std::none_of(id.begin(), id.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

class Scanner {
public:
    Scanner(const DueQuery& query, const DueSink& sink)
        : query_(query), sink_(sink), latest_(key_of(latest_due_date(query.period, query.as_of))) {}

    DueCounts csv(io::ByteSource& input) {
        io::CsvReader reader(input);
        auto status = reader.next();
        if (status == io::CsvReader::Status::end)
            throw UsageError(fmt::format("{}: the export is empty; expected a header line naming `{}`", query_.name,
                                         query_.timestamp_column),
                             "export with a header row, or use a JSONL export");
        if (status == io::CsvReader::Status::too_long)
            throw UsageError(fmt::format("{}:1: the header line is longer than 1 MiB", query_.name));
        std::vector<std::string> header;
        for (std::size_t i = 0; i < reader.size(); ++i) header.emplace_back(reader.field(i));
        auto column = [&](const std::string& name, const char* option) {
            auto found = std::find(header.begin(), header.end(), name);
            if (found != header.end()) return static_cast<std::size_t>(found - header.begin());
            std::vector<std::string_view> names(header.begin(), header.end());
            auto hint = diag::did_you_mean(name, names);
            throw UsageError(fmt::format("{}:1: the header has no column `{}` ({})", query_.name, name, option),
                             hint.empty() ? fmt::format("the columns are {}", quoted_list(names)) : hint);
        };
        std::size_t ts = column(query_.timestamp_column, "--timestamp-column");
        std::size_t id = query_.id_column.empty() ? 0 : column(query_.id_column, "--id-column");
        std::size_t needed = std::max(ts, id) + 1;
        if (query_.id_column.empty()) sink_.due(reader.raw());  // whole records: keep the header
        for (;;) {
            status = reader.next();
            if (status == io::CsvReader::Status::end) break;
            if (status == io::CsvReader::Status::too_long) {
                bad(reader.line(),
                    "a record longer than 1 MiB (an unterminated quote?); the rest of the export "
                    "cannot be read");
                break;
            }
            ++counts_.records;
            if (reader.size() < needed) {
                bad(reader.line(), fmt::format("{} field{}, but the header has {}: no `{}` here", reader.size(),
                                               reader.size() == 1 ? "" : "s", header.size(),
                                               reader.size() <= ts ? query_.timestamp_column : query_.id_column));
                continue;
            }
            if (reader.malformed()) {
                bad(reader.line(), "text after a closing quote (RFC 4180 quoting); the record cannot be trusted");
                continue;
            }
            if (!row(reader.line(), reader.field(ts))) continue;
            if (query_.id_column.empty())
                emit(reader.line(), reader.raw(), false);
            else
                emit(reader.line(), reader.field(id), true);
        }
        return counts_;
    }

    DueCounts jsonl(io::ByteSource& input);

private:
    void bad(std::size_t line, std::string_view message) {
        ++counts_.bad;
        sink_.bad(line, message);
    }

    // Whether the row with this timestamp is due; reports the row when it has none readable.
    bool row(std::size_t line, std::string_view timestamp) {
        long key = date_key(timestamp);
        if (key >= 0) return key <= latest_;
        // The value is not echoed: a shifted column could put personal data in a log.
        if (timestamp.find_first_not_of(' ') == std::string_view::npos)
            bad(line, fmt::format("no timestamp in `{}`", query_.timestamp_column));
        else
            bad(line, fmt::format("the value of `{}` is not a date (expected YYYY-MM-DD or an ISO 8601 date-time)",
                                  query_.timestamp_column));
        return false;
    }

    void emit(std::size_t line, std::string_view text, bool is_id) {
        if (is_id && text.empty()) {
            bad(line, fmt::format("due, but `{}` is empty", query_.id_column));
            return;
        }
        if (is_id && !safe_id(text)) {
            bad(line, fmt::format("due, but `{}` holds a line break or control character", query_.id_column));
            return;
        }
        ++counts_.due;
        sink_.due(text);
    }

    const DueQuery& query_;
    const DueSink& sink_;
    long latest_;
    DueCounts counts_;
};

// The members of one JSON object on one line, read without building a tree: only the two wanted
// members are decoded; everything else is skipped with its nesting checked.
class JsonLine {
public:
    explicit JsonLine(std::string_view text) : text_(text) {}

    // Finds the members named `a` and `b` (b may be empty). Returns an error message or empty.
    std::string_view find(std::string_view a, std::string_view b, std::string& value_a, bool& has_a,
                          std::string& value_b, bool& has_b, bool& a_is_string) {
        skip_space();
        if (!take('{')) return "not a JSON object";
        skip_space();
        if (take('}')) return end();
        for (;;) {
            skip_space();
            key_.clear();
            if (!string(key_)) return "a member name is not a JSON string";
            skip_space();
            if (!take(':')) return "expected `:` after a member name";
            skip_space();
            if (key_ == a && !has_a) {
                value_a.clear();
                a_is_string = peek() == '"';
                if (!scalar(value_a)) return "unreadable JSON value";
                has_a = true;
            } else if (!b.empty() && key_ == b && !has_b) {
                value_b.clear();
                if (!scalar(value_b)) return "unreadable JSON value";
                has_b = true;
            } else if (!skip_value(0)) {
                return "unreadable JSON value";
            }
            skip_space();
            if (take(',')) continue;
            if (take('}')) return end();
            return "expected `,` or `}` in the object";
        }
    }

private:
    std::string_view end() {
        skip_space();
        return i_ == text_.size() ? std::string_view{} : std::string_view{"text after the JSON object"};
    }
    char peek() const { return i_ < text_.size() ? text_[i_] : '\0'; }
    bool take(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    void skip_space() {
        while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\r')) ++i_;
    }
    // A JSON string, decoded into `out`.
    bool string(std::string& out) {
        return peek() == '"' && io::decode_json_string(text_, i_, out) == io::JsonStringError::none;
    }
    // A string (decoded) or a number/true/false/null (as written); an object or array is refused.
    bool scalar(std::string& out) {
        if (peek() == '"') return string(out);
        std::size_t start = i_;
        while (i_ < text_.size() && std::string_view(",}] \t\r").find(text_[i_]) == std::string_view::npos) ++i_;
        if (i_ == start) return false;
        auto word = text_.substr(start, i_ - start);
        if (word == "null") return true;  // an empty value
        if (word == "true" || word == "false") {
            out.append(word);
            return true;
        }
        for (char c : word)
            if (std::string_view("0123456789+-.eE").find(c) == std::string_view::npos) return false;
        out.append(word);
        return true;
    }
    bool skip_value(int depth) {
        if (depth > 256) return false;
        char c = peek();
        if (c == '"') {
            scratch_.clear();
            return string(scratch_);
        }
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            ++i_;
            skip_space();
            if (take(close)) return true;
            for (;;) {
                skip_space();
                if (c == '{') {
                    scratch_.clear();
                    if (!string(scratch_)) return false;
                    skip_space();
                    if (!take(':')) return false;
                    skip_space();
                }
                if (!skip_value(depth + 1)) return false;
                skip_space();
                if (take(',')) continue;
                return take(close);
            }
        }
        scratch_.clear();
        return scalar(scratch_);
    }

    std::string_view text_;
    std::size_t i_ = 0;
    std::string key_;
    std::string scratch_;
};

DueCounts Scanner::jsonl(io::ByteSource& input) {
    io::LineReader reader(input);
    std::string timestamp, id;
    for (;;) {
        auto status = reader.next();
        if (status == io::LineReader::Status::end) break;
        if (status == io::LineReader::Status::too_long) {
            bad(reader.line() + 1, "a line longer than 1 MiB; the rest of the export cannot be read");
            break;
        }
        auto text = reader.text();
        if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank line
        ++counts_.records;
        bool has_ts = false, has_id = false, ts_is_string = false;
        JsonLine line(text);
        auto error = line.find(query_.timestamp_column, query_.id_column, timestamp, has_ts, id, has_id, ts_is_string);
        if (!error.empty()) {
            bad(reader.line(), fmt::format("unreadable JSON line: {}", error));
            continue;
        }
        if (!has_ts || (timestamp.empty() && !ts_is_string)) {
            bad(reader.line(), fmt::format("no timestamp in `{}`", query_.timestamp_column));
            continue;
        }
        if (!ts_is_string) {
            bad(reader.line(), fmt::format("the value of `{}` is not a date string (expected \"YYYY-MM-DD\" or an "
                                           "ISO 8601 date-time)",
                                           query_.timestamp_column));
            continue;
        }
        if (!row(reader.line(), timestamp)) continue;
        if (query_.id_column.empty())
            emit(reader.line(), text, false);
        else if (!has_id)
            bad(reader.line(), fmt::format("due, but it has no `{}`", query_.id_column));
        else
            emit(reader.line(), id, true);
    }
    return counts_;
}

}  // namespace

time::Date period_end(time::Date from, const time::Duration& period) {
    return time::add(from, period);
}

bool is_due(time::Date from, const time::Duration& period, time::Date as_of) {
    return period_end(from, period) < as_of;
}

time::Date latest_due_date(const time::Duration& period, time::Date as_of) {
    // Start near as_of minus the period and walk: period_end is non-decreasing in the start date,
    // and the clamp and day counts keep the estimate within a few days of the answer.
    time::Duration back{-period.years, -period.months, -period.days, 0};
    time::Date d = time::add(as_of, back).plus_days(-1);
    while (is_due(d.plus_days(1), period, as_of)) d = d.plus_days(1);
    while (!is_due(d, period, as_of)) d = d.plus_days(-1);
    return d;
}

AppliedRule applicable_rule(const model::Register& reg, std::string_view system_id, std::string_view data) {
    const auto* system = reg.find_system(system_id);
    if (!system) {
        std::vector<std::string_view> ids;
        for (const auto& s : reg.systems) ids.push_back(s.id);
        auto hint = diag::did_you_mean(system_id, ids);
        throw UsageError(fmt::format("the register has no system `{}` (--system)", system_id),
                         hint.empty() ? "run `gdprctl register list` for the systems" : hint);
    }
    if (!reg.taxonomy.contains(data)) {
        auto ids = reg.taxonomy.ids();
        auto hint = diag::did_you_mean(data, ids);
        throw UsageError(fmt::format("`{}` is not a data category of the taxonomy (--data)", data),
                         hint.empty() ? "run `gdprctl retention schedule` for the categories with a rule" : hint);
    }
    const model::RetentionRule* best = nullptr;
    std::size_t best_depth = 0;
    for (const auto& rule : system->retention)
        for (const auto& key : rule.data) {
            if (!model::Taxonomy::covers(key, data)) continue;
            bool better = !best || key.size() > best_depth;
            if (best && key.size() == best_depth && rule.period && best->period)
                better = rule.period->approx_days() > best->period->approx_days();
            if (best && key.size() == best_depth && (rule.undetermined || !rule.period)) better = true;
            if (better) {
                best = &rule;
                best_depth = key.size();
            }
        }
    if (!best)
        throw UsageError(
            fmt::format("system `{}` has no retention rule for `{}` (GDPR Art. 5(1)(e))", system_id, data),
            fmt::format("add one under `retention:` of `{}`; `gdprctl retention schedule` shows the table", system_id));
    if (best->undetermined || !best->period)
        throw UsageError(fmt::format("the retention period of `{}` in system `{}` is {}, so nothing can be due", data,
                                     system_id, best->undetermined ? "undetermined" : "not a valid ISO 8601 duration"),
                         "set a period such as P2Y in the register (run `gdprctl check`)");
    return {best, *best->period};
}

std::optional<time::Date> parse_record_date(std::string_view text) {
    long key = date_key(text);
    if (key < 0) return std::nullopt;
    return time::Date::from_ymd(static_cast<int>(key / 10000), static_cast<unsigned>(key / 100 % 100),
                                static_cast<unsigned>(key % 100));
}

std::optional<InputFormat> parse_input_format(std::string_view text) {
    if (text == "csv") return InputFormat::csv;
    if (text == "jsonl" || text == "ndjson") return InputFormat::jsonl;
    return std::nullopt;
}

DueCounts scan_due(io::ByteSource& input, const DueQuery& query, const DueSink& sink) {
    if (query.period.is_zero() || query.period.years < 0 || query.period.months < 0 || query.period.days < 0)
        throw UsageError(fmt::format("a retention period of {} cannot be applied", query.period.to_string()));
    Scanner scanner(query, sink);
    auto format = query.format;
    if (!format) {
        auto ends = [&](std::string_view suffix) {
            return query.name.size() >= suffix.size() &&
                   query.name.compare(query.name.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        format = ends(".jsonl") || ends(".ndjson") ? InputFormat::jsonl : InputFormat::csv;
    }
    return *format == InputFormat::csv ? scanner.csv(input) : scanner.jsonl(input);
}

}  // namespace gdprctl::retention
