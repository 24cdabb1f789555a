-- Migration 6: the numbers the retention sweep retired (`gdprctl retention sweep`).
-- PostgreSQL twin of schemas/sql/0006_retention_sweep.sql: the same tables and columns (tests/unit/store/pg_store_test.cpp
-- compares them). Text columns use the "C" collation, so that ORDER BY and comparisons of ids
-- and ISO 8601 times follow their bytes, as in SQLite, whatever the database's locale.
-- A deleted record's number (REQ-, CON-, BR-) is never given again: the audit trail still names it.
-- The highest number deleted in each series and year is kept here, and the next record numbers
-- after it. Consent events are numbered across years: their row has year 0.
CREATE TABLE retired_numbers (
    series      TEXT COLLATE "C" NOT NULL CHECK (series IN ('request', 'consent', 'breach')),
    year        INTEGER NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (series, year)
);
