-- Migration 3: tie every request (with its tasks) to the audit event that last changed it, so that
-- PostgreSQL twin of schemas/sql/0003_record_links.sql: the same tables and columns (tests/unit/store/pg_store_test.cpp
-- compares them). Text columns use the "C" collation, so that ORDER BY and comparisons of ids
-- and ISO 8601 times follow their bytes, as in SQLite, whatever the database's locale.
-- `audit verify` checks records against events in both directions.
-- requests.audit_seq: the event that created or last changed the request or one of its tasks.
-- audit_events.records: "id=digest" lines, one per request the event's transaction changed, with
-- the SHA-256 of the request and its tasks as they stood after it; covered by the event's hash.
ALTER TABLE requests ADD COLUMN audit_seq BIGINT;
ALTER TABLE audit_events ADD COLUMN records TEXT COLLATE "C" NOT NULL DEFAULT '';
-- Requests of an older store point at their newest event; their content was not recorded then.
UPDATE requests SET audit_seq = (SELECT MAX(seq) FROM audit_events WHERE target = requests.id);
