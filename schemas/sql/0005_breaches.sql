-- Migration 5: the breach register (Art. 33, 34): breaches, their assessment and the series of
-- notifications (phased, Art. 33(4)). Times are UTC instants, YYYY-MM-DDTHH:MM:SSZ.

CREATE TABLE breaches (
    id              TEXT PRIMARY KEY,           -- BR-<year>-<number>
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    summary         TEXT NOT NULL,
    aware_at        TEXT NOT NULL,
    occurred_at     TEXT,
    deadline        TEXT NOT NULL,              -- aware_at + 72 clock hours
    nature          TEXT NOT NULL DEFAULT '',   -- comma-separated: confidentiality, integrity, availability
    data            TEXT NOT NULL DEFAULT '',   -- comma-separated data categories
    systems         TEXT NOT NULL DEFAULT '',   -- comma-separated system ids
    subjects_approx INTEGER,
    records_approx  INTEGER,
    risk            TEXT CHECK (risk IN ('none', 'risk', 'high')),
    consequences    TEXT NOT NULL DEFAULT '',
    measures        TEXT NOT NULL DEFAULT '',
    exemption       TEXT CHECK (exemption IN ('encrypted', 'mitigated', 'disproportionate')),
    assessed_at     TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at       TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    closed_at       TEXT,
    UNIQUE (year, number)
);

CREATE TABLE breach_notifications (
    breach_id    TEXT NOT NULL REFERENCES breaches (id),
    seq          INTEGER NOT NULL,
    audience     TEXT NOT NULL CHECK (audience IN ('authority', 'subjects', 'public')),
    phase        TEXT NOT NULL CHECK (phase IN ('initial', 'additional', 'final')),
    at           TEXT NOT NULL,
    reference    TEXT NOT NULL DEFAULT '',
    delay_reason TEXT NOT NULL DEFAULT '',
    -- The real time the filing was recorded. A first filing with the authority dated on time but
    -- recorded after the deadline carries the reason it was recorded late (--backdate).
    recorded_at  TEXT NOT NULL,
    backdate_reason TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL,
    PRIMARY KEY (breach_id, seq)
) WITHOUT ROWID;
