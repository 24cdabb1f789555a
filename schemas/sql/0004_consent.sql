-- Migration 4: the consent ledger (Art. 7) and the propagation tasks of withdrawals (Art. 7(3)).
-- Append-only: an event is never updated, only erased with its subject (`subject erase`).

CREATE TABLE consent_events (
    id             INTEGER PRIMARY KEY,           -- shown as CON-<id>
    subject        TEXT,                          -- NULL once erased (a kept proof of withdrawal)
    purpose        TEXT NOT NULL,                 -- SYSTEM/PURPOSE of the register
    action         TEXT NOT NULL CHECK (action IN ('given', 'withdrawn')),
    at             TEXT NOT NULL,                 -- when the person acted, UTC
    evidence       TEXT NOT NULL DEFAULT '',      -- what the person saw and did
    method         TEXT NOT NULL DEFAULT '',
    notice_version TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL DEFAULT '',
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    erased_at      TEXT
);

-- Status of one subject, and the audience of a purpose (latest event per subject wins).
CREATE INDEX consent_events_by_subject ON consent_events (subject, purpose, at);

CREATE TABLE consent_tasks (
    event_id INTEGER NOT NULL REFERENCES consent_events (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('system', 'notify')),
    target   TEXT NOT NULL,              -- a system id, or a recipient id of the purpose's systems
    done_at  TEXT,
    done_by  TEXT,
    PRIMARY KEY (event_id, kind, target)
) WITHOUT ROWID;
-- No separate index of pending tasks: the key starts with the event, and keeping a second index
-- cost a bulk import 5 % of its instructions (bench/RESULTS.md) for lists that read every task anyway.
