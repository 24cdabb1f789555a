-- Migration 2: the evidence a DPO checks (issue 11). Only added columns, so that it composes with
-- PostgreSQL twin of schemas/sql/0002_request_evidence.sql: the same tables and columns (tests/unit/store/pg_store_test.cpp
-- compares them). Text columns use the "C" collation, so that ORDER BY and comparisons of ids
-- and ISO 8601 times follow their bytes, as in SQLite, whatever the database's locale.
-- other migrations; every new column has a default that describes rows written before it.

-- Time integrity: `at` stays the effective time the change is dated; `recorded_at` is the real
-- time it was written (NULL for events from before this migration), and a change dated in the
-- past beyond what is allowed carries the reason it was backdated.
ALTER TABLE audit_events ADD COLUMN recorded_at TEXT COLLATE "C";
ALTER TABLE audit_events ADD COLUMN backdate_reason TEXT COLLATE "C" NOT NULL DEFAULT '';

-- Art. 12(3): how the subject was told of an extension (the date is subject_informed_on).
ALTER TABLE requests ADD COLUMN informed_via TEXT COLLATE "C" NOT NULL DEFAULT '';
-- Art. 11(2), 12(6): identification asked for and received; the clock runs from receipt regardless.
ALTER TABLE requests ADD COLUMN identity_asked_on TEXT COLLATE "C";
ALTER TABLE requests ADD COLUMN identity_verified_on TEXT COLLATE "C";
-- Art. 12(5): manifestly unfounded or excessive requests are stored with outcome 'refused' (the
-- CHECK of migration 1 cannot be widened without rebuilding the table) and their ground here.
ALTER TABLE requests ADD COLUMN refusal_ground TEXT COLLATE "C" NOT NULL DEFAULT ''
    CHECK (refusal_ground IN ('', 'manifestly-unfounded', 'excessive'));
ALTER TABLE requests ADD COLUMN fee TEXT COLLATE "C" NOT NULL DEFAULT '';
-- Art. 12(4): the subject was told of the complaint (Art. 77) and the judicial remedy (Art. 79).
ALTER TABLE requests ADD COLUMN remedies_told INTEGER NOT NULL DEFAULT 0 CHECK (remedies_told IN (0, 1));

-- Art. 17(3), 20(1), 21: a task may ask to restrict instead of erasing, or record that the right
-- does not apply to the system's processing; `grounds` says why, citing the register.
ALTER TABLE tasks ADD COLUMN resolution TEXT COLLATE "C" NOT NULL DEFAULT 'act'
    CHECK (resolution IN ('act', 'restrict', 'not-applicable'));
ALTER TABLE tasks ADD COLUMN grounds TEXT COLLATE "C" NOT NULL DEFAULT '';
