-- Migration 5: the breach register (Art. 33, 34): breaches, their assessment and the series of
-- PostgreSQL twin of schemas/sql/0005_breaches.sql: the same tables and columns (tests/unit/store/pg_store_test.cpp
-- compares them). Text columns use the "C" collation, so that ORDER BY and comparisons of ids
-- and ISO 8601 times follow their bytes, as in SQLite, whatever the database's locale.
-- notifications (phased, Art. 33(4)). Times are UTC instants, YYYY-MM-DDTHH:MM:SSZ.

CREATE TABLE breaches (
    id              TEXT COLLATE "C" PRIMARY KEY,           -- BR-<year>-<number>
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    summary         TEXT COLLATE "C" NOT NULL,
    aware_at        TEXT COLLATE "C" NOT NULL,
    occurred_at     TEXT COLLATE "C",
    deadline        TEXT COLLATE "C" NOT NULL,              -- aware_at + 72 clock hours
    nature          TEXT COLLATE "C" NOT NULL DEFAULT '',   -- comma-separated: confidentiality, integrity, availability
    data            TEXT COLLATE "C" NOT NULL DEFAULT '',   -- comma-separated data categories
    systems         TEXT COLLATE "C" NOT NULL DEFAULT '',   -- comma-separated system ids
    subjects_approx BIGINT,
    records_approx  BIGINT,
    risk            TEXT COLLATE "C" CHECK (risk IN ('none', 'risk', 'high')),
    consequences    TEXT COLLATE "C" NOT NULL DEFAULT '',
    measures        TEXT COLLATE "C" NOT NULL DEFAULT '',
    exemption       TEXT COLLATE "C" CHECK (exemption IN ('encrypted', 'mitigated', 'disproportionate')),
    assessed_at     TEXT COLLATE "C",
    status          TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at       TEXT COLLATE "C" NOT NULL,
    opened_by       TEXT COLLATE "C" NOT NULL,
    closed_at       TEXT COLLATE "C",
    UNIQUE (year, number)
);

CREATE TABLE breach_notifications (
    breach_id    TEXT COLLATE "C" NOT NULL REFERENCES breaches (id),
    seq          INTEGER NOT NULL,
    audience     TEXT COLLATE "C" NOT NULL CHECK (audience IN ('authority', 'subjects', 'public')),
    phase        TEXT COLLATE "C" NOT NULL CHECK (phase IN ('initial', 'additional', 'final')),
    at           TEXT COLLATE "C" NOT NULL,
    reference    TEXT COLLATE "C" NOT NULL DEFAULT '',
    delay_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
    -- The real time the filing was recorded. A first filing with the authority dated on time but
    -- recorded after the deadline carries the reason it was recorded late (--backdate).
    recorded_at  TEXT COLLATE "C" NOT NULL,
    backdate_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
    recorded_by  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (breach_id, seq)
);
