#pragma once

// A fresh PostgreSQL database per test, in the throwaway cluster that ctest starts for the tests
// (scripts/pg-cluster.sh, the "pg: start cluster" fixture; GDPRCTL_TEST_PG_HOST is its socket
// folder). No server is a test failure, never a skip.
#include "store/pg_connection.hpp"
#include "store/store.hpp"

#include <unistd.h>

#include <memory>
#include <string>

namespace gdprctl::test {

// The URI of `database` in the test cluster.
inline std::string pg_test_uri(const std::string& database) {
    return "postgresql:///" + database + "?host=" GDPRCTL_TEST_PG_HOST "&user=gdprctl";
}

// A new, empty database, dropped (with every connection to it) on destruction.
class PgScratchDatabase {
public:
    PgScratchDatabase() {
        static int counter = 0;
        name_ = "gdprctl_unit_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
        admin().execute("CREATE DATABASE " + name_);
    }
    ~PgScratchDatabase() {
        try {
            admin().execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (...) {
        }
    }
    PgScratchDatabase(const PgScratchDatabase&) = delete;
    PgScratchDatabase& operator=(const PgScratchDatabase&) = delete;

    const std::string& name() const { return name_; }
    std::string uri() const { return pg_test_uri(name_); }
    // A connection of its own, for a test that looks under the store (or tampers with it).
    std::unique_ptr<store::pg::Connection> connect() const {
        return std::make_unique<store::pg::Connection>(uri(), uri());
    }

private:
    static store::pg::Connection& admin() {
        static store::pg::Connection connection(pg_test_uri("postgres"), "the test cluster");
        return connection;
    }
    std::string name_;
};

// A store in its own scratch database: the database goes when the store does.
class PgScratchStore final : public store::Store {
public:
    explicit PgScratchStore(const store::OpenOptions& options = {})
        : database_(std::make_unique<PgScratchDatabase>()), store_(store::open_store(database_->uri(), options)) {}
    void read(const std::function<void(store::StoreReader&)>& body) override { store_->read(body); }
    void write(const store::ChangeStamp& stamp, const std::function<void(store::StoreWriter&)>& body) override {
        store_->write(stamp, body);
    }
    store::PurgeReport purge_after_erasure() override { return store_->purge_after_erasure(); }
    void read_rows(const std::function<void(store::StoreReader&, store::RowSource&)>& body) override {
        store_->read_rows(body);
    }
    void load_rows(
        const std::function<void(store::StoreReader&, store::RowSource&, store::RowLoader&)>& body) override {
        store_->load_rows(body);
    }

private:
    std::unique_ptr<PgScratchDatabase> database_;  // declared first: dropped after the store closes
    std::unique_ptr<store::Store> store_;
};

}  // namespace gdprctl::test
