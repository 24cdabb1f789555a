-- Migration 1: data-subject requests, their per-system tasks and the hash-chained audit trail.
-- PostgreSQL twin of schemas/sql/0001_requests.sql: the same tables and columns (tests/unit/store/pg_store_test.cpp
-- compares them). Text columns use the "C" collation, so that ORDER BY and comparisons of ids
-- and ISO 8601 times follow their bytes, as in SQLite, whatever the database's locale.
-- Dates are ISO 8601 text (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ for instants), so that text
-- order is date order.

CREATE TABLE requests (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    year                INTEGER NOT NULL,
    number              INTEGER NOT NULL,
    type                TEXT COLLATE "C" NOT NULL CHECK (type IN ('access', 'rectification', 'erasure',
                                                      'restriction', 'objection', 'portability')),
    subject             TEXT COLLATE "C",                       -- NULL once the subject has been erased
    subject_kind        TEXT COLLATE "C" NOT NULL DEFAULT '',
    received            TEXT COLLATE "C" NOT NULL,
    due                 TEXT COLLATE "C" NOT NULL,
    channel             TEXT COLLATE "C" NOT NULL DEFAULT '',
    note                TEXT COLLATE "C" NOT NULL DEFAULT '',
    status              TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at           TEXT COLLATE "C" NOT NULL,
    opened_by           TEXT COLLATE "C" NOT NULL,
    extended_on         TEXT COLLATE "C",
    extension_reason    TEXT COLLATE "C" NOT NULL DEFAULT '',
    subject_informed_on TEXT COLLATE "C",
    outcome             TEXT COLLATE "C" CHECK (outcome IN ('fulfilled', 'refused', 'partial')),
    close_reason        TEXT COLLATE "C" NOT NULL DEFAULT '',
    closed_at           TEXT COLLATE "C",
    erased_at           TEXT COLLATE "C",
    UNIQUE (year, number)
);

-- `request list --overdue` and `--due-within` read only open requests, in due order.
CREATE INDEX requests_open_by_due ON requests (due, id) WHERE status = 'open';
CREATE INDEX requests_by_subject ON requests (subject) WHERE subject IS NOT NULL;

CREATE TABLE tasks (
    request_id TEXT COLLATE "C" NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('system', 'notify')),
    target     TEXT COLLATE "C" NOT NULL,                 -- a system id, or a recipient id for Art. 19 notices
    via        TEXT COLLATE "C" NOT NULL DEFAULT '',      -- for notices: the systems that disclose to the recipient
    done_at    TEXT COLLATE "C",
    done_by    TEXT COLLATE "C",
    note       TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, kind, target)
);

-- Append-only; each row's hash covers the previous row's hash and this row's canonical content.
-- Targets are request ids, never a subject's identifier.
CREATE TABLE audit_events (
    seq       BIGINT PRIMARY KEY,
    at        TEXT COLLATE "C" NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    target    TEXT COLLATE "C" NOT NULL,
    details   TEXT COLLATE "C" NOT NULL,
    prev_hash TEXT COLLATE "C" NOT NULL,
    hash      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_events_by_target ON audit_events (target);
CREATE INDEX audit_events_by_at ON audit_events (at);

-- The head of the audit chain, so that removing the newest events is noticed too.
CREATE TABLE audit_head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    seq       BIGINT NOT NULL,
    hash      TEXT COLLATE "C" NOT NULL
);
