-- Migration 1: data-subject requests, their per-system tasks and the hash-chained audit trail.
-- Dates are ISO 8601 text (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ for instants), so that text
-- order is date order and the sqlite3 shell can read the file without gdprctl.

CREATE TABLE requests (
    id                  TEXT PRIMARY KEY,
    year                INTEGER NOT NULL,
    number              INTEGER NOT NULL,
    type                TEXT NOT NULL CHECK (type IN ('access', 'rectification', 'erasure',
                                                      'restriction', 'objection', 'portability')),
    subject             TEXT,                       -- NULL once the subject has been erased
    subject_kind        TEXT NOT NULL DEFAULT '',
    received            TEXT NOT NULL,
    due                 TEXT NOT NULL,
    channel             TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at           TEXT NOT NULL,
    opened_by           TEXT NOT NULL,
    extended_on         TEXT,
    extension_reason    TEXT NOT NULL DEFAULT '',
    subject_informed_on TEXT,
    outcome             TEXT CHECK (outcome IN ('fulfilled', 'refused', 'partial')),
    close_reason        TEXT NOT NULL DEFAULT '',
    closed_at           TEXT,
    erased_at           TEXT,
    UNIQUE (year, number)
);

-- `request list --overdue` and `--due-within` read only open requests, in due order.
CREATE INDEX requests_open_by_due ON requests (due, id) WHERE status = 'open';
CREATE INDEX requests_by_subject ON requests (subject) WHERE subject IS NOT NULL;

CREATE TABLE tasks (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('system', 'notify')),
    target     TEXT NOT NULL,                 -- a system id, or a recipient id for Art. 19 notices
    via        TEXT NOT NULL DEFAULT '',      -- for notices: the systems that disclose to the recipient
    done_at    TEXT,
    done_by    TEXT,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, kind, target)
) WITHOUT ROWID;

-- Append-only; each row's hash covers the previous row's hash and this row's canonical content.
-- Targets are request ids, never a subject's identifier.
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_events_by_target ON audit_events (target);
CREATE INDEX audit_events_by_at ON audit_events (at);

-- The head of the audit chain, so that removing the newest events is noticed too.
CREATE TABLE audit_head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL
);
