#include "store/copy.hpp"

#include "errors.hpp"
#include "store/location.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

namespace gdprctl::store {
namespace {

constexpr std::array<std::string_view, 9> tables{
    "requests", "tasks", "consent_events", "consent_tasks", "breaches", "breach_notifications",
    "retired_numbers", "audit_events", "audit_head",
};

// The source's tables must all be ones a copy knows, and the destination must have each of them
// with the same columns: both stores are at this gdprctl's schema version once opened, so a
// difference is a schema the copy does not know.
void check_tables(RowSource& rows, std::string_view side) {
    for (const auto& name : rows.table_names())
        if (std::find(tables.begin(), tables.end(), name) == tables.end())
            throw EnvironmentError(fmt::format("the {} store has a table `{}` that this gdprctl cannot copy", side, name),
                                   "use the gdprctl that wrote the store; nothing was changed");
}

std::string describe(const VerifyResult& result) {
    return fmt::format("event {}: {}", result.broken_seq,
                       result.problem.empty() && !result.time_problems.empty() ? result.time_problems.front()
                                                                                : result.problem);
}

}  // namespace

std::span<const std::string_view> copied_tables() { return tables; }

void refuse_rows_in(RowSource& rows, const std::string& shown) {
    for (const auto& table : rows.table_names())
        rows.for_each_row(table, rows.columns_of(table), [&](const Row&) {
            throw Refusal(fmt::format("the store {} is not empty (its table {} holds rows); a copy goes only into an "
                                      "empty store",
                                      shown, table),
                          "pass --to a new file or an empty PostgreSQL database; nothing was changed");
        });
}

CopyReport copy_store(Store& from, Store& to, const AuditKey& key) {
    CopyReport report;
    VerifyOptions verify;
    verify.key = key;
    // One snapshot of the source: what is verified is what is copied.
    from.read_rows([&](StoreReader& source, RowSource& source_rows) {
        check_tables(source_rows, "source");
        report.source = verify_chain(source, verify);
        if (!report.source.ok)
            throw Refusal(fmt::format("the source's audit trail does not verify ({}); a copy would carry it over",
                                      describe(report.source)),
                          "run `gdprctl audit verify` on the source and settle the break first; nothing was copied");
        to.load_rows([&](StoreReader& destination, RowSource& destination_rows, RowLoader& loader) {
            check_tables(destination_rows, "destination");
            for (const std::string_view table : tables) {
                const auto columns = source_rows.columns_of(table);
                auto wanted = columns;
                auto present = destination_rows.columns_of(table);
                std::sort(wanted.begin(), wanted.end());
                std::sort(present.begin(), present.end());
                if (wanted != present)
                    throw EnvironmentError(
                        fmt::format("the table {} has other columns in the destination than in the source", table),
                        "open both stores with the same gdprctl (each is migrated on opening); nothing was changed");
                TableCount count{std::string(table), 0};
                source_rows.for_each_row(table, columns, [&](const Row& row) {
                    loader.insert_row(table, columns, row);
                    ++count.rows;
                });
                // What arrived is what left, table by table.
                std::int64_t arrived = 0;
                destination_rows.for_each_row(table, columns, [&](const Row&) { ++arrived; });
                if (arrived != count.rows)
                    throw EnvironmentError(fmt::format("the copy of {} wrote {} row(s) but the destination holds {}",
                                                       table, count.rows, arrived));
                report.tables.push_back(std::move(count));
            }
            report.destination = verify_chain(destination, verify);
            if (!report.destination.ok)
                throw EnvironmentError(fmt::format("the copied audit trail does not verify in the destination ({}); "
                                                   "nothing was written",
                                                   describe(report.destination)));
            const auto& a = report.source;
            const auto& b = report.destination;
            if (a.events_checked != b.events_checked || a.records_checked != b.records_checked ||
                (a.head ? format_head(*a.head) : "") != (b.head ? format_head(*b.head) : ""))
                throw EnvironmentError(fmt::format("the copied audit trail differs from the source's ({} events, head "
                                                   "{}; the source has {} events, head {}); nothing was written",
                                                   b.events_checked, b.head ? format_head(*b.head) : "none",
                                                   a.events_checked, a.head ? format_head(*a.head) : "none"));
        });
    });
    return report;
}

CopyReport copy_store(const std::string& from, const std::string& to, const AuditKey& key) {
    namespace fs = std::filesystem;
    const bool to_file = !is_server_location(to);
    std::error_code error;
    if (from == to || (to_file && !is_server_location(from) && fs::equivalent(from, to, error)))
        throw UsageError("--from and --to name the same store", "copy into a new file or an empty database");
    OpenOptions read;
    read.read_only = true;
    read.audit_key = key;
    auto source = open_store(from, read);
    const bool created = to_file && !store_exists(to);
    try {
        OpenOptions write;
        write.audit_key = key;
        auto destination = open_store(to, write);
        return copy_store(*source, *destination, key);
    } catch (...) {
        // A file this copy created holds nothing the user had: it goes with the failed copy.
        if (created)
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(to + suffix, error);
        throw;
    }
}

}  // namespace gdprctl::store
