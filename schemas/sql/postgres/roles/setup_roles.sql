-- `gdprctl store setup-roles`: the roles a team uses a PostgreSQL store through
-- (docs/deployment.md). Run by the owner of the store's tables, the role that applied the
-- migrations, in one transaction, after the names are set for it:
--     SELECT set_config('gdprctl.app_role', 'gdprctl_app', true),
--            set_config('gdprctl.read_role', 'gdprctl_read', true);
-- (gdprctl binds them as parameters; by hand, psql's -v and :'var' do the same.) Idempotent: run
-- it again after every upgrade of gdprctl, so that tables added by a migration are granted too.
--
-- The application role does every normal command (requests, consents, breaches, erasure) and can
-- append to the audit trail, never change or remove an event: its privileges leave out UPDATE and
-- DELETE of the trail, and a trigger refuses them for every role but a superuser who disables it
-- (which `gdprctl audit verify` then catches, by the hash chain). The read role only reads.

-- Refuses what would rewrite the trail: an UPDATE of an event, a DELETE, a TRUNCATE, and a head
-- moved anywhere but forward to an event that exists with that hash.
CREATE OR REPLACE FUNCTION gdprctl_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_events' THEN
        -- gdprctl seals a transaction's newest event before the commit: it writes into it the
        -- digests of the requests the transaction changed (`records`) and hashes it again. Allowed
        -- for an event this very transaction wrote, and for those two columns only.
        IF (to_jsonb(NEW) - 'records' - 'hash') = (to_jsonb(OLD) - 'records' - 'hash')
           AND (SELECT e.xmin::text FROM audit_events e WHERE e.seq = OLD.seq)
               = (pg_current_xact_id()::text::bigint % 4294967296)::text THEN
            RETURN NEW;
        END IF;
    ELSIF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_head' THEN
        IF NEW.seq >= OLD.seq
           AND EXISTS (SELECT 1 FROM audit_events e WHERE e.seq = NEW.seq AND e.hash = NEW.hash) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % of %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'gdprctl appends audit events; nobody changes or removes them (docs/audit-trail.md)';
END
$$;

CREATE OR REPLACE TRIGGER gdprctl_audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION gdprctl_audit_append_only();
CREATE OR REPLACE TRIGGER gdprctl_audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION gdprctl_audit_append_only();
CREATE OR REPLACE TRIGGER gdprctl_audit_head_forward_only
    BEFORE UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION gdprctl_audit_append_only();
CREATE OR REPLACE TRIGGER gdprctl_audit_head_no_truncate
    BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION gdprctl_audit_append_only();

DO $$
DECLARE
    app    text := current_setting('gdprctl.app_role');
    reader text := current_setting('gdprctl.read_role');
    here   text := current_schema();
    t      record;
BEGIN
    IF app = reader THEN
        RAISE EXCEPTION 'the application role and the read role must differ (both are %)', app
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF app = current_user OR reader = current_user THEN
        RAISE EXCEPTION 'run setup-roles as the owner of the store, not as the role % it sets up', current_user
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Group roles: people log in as their own roles, made members of these (docs/deployment.md).
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', app);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = reader) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', reader);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', here, app, reader);
    FOR t IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = here::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname LOOP
        -- From nothing each time, so that a second run leaves exactly these privileges.
        EXECUTE format('REVOKE ALL ON TABLE %I FROM %I, %I', t.relname, app, reader);
        EXECUTE format('GRANT SELECT ON TABLE %I TO %I, %I', t.relname, app, reader);
        IF t.relname = 'audit_events' THEN
            EXECUTE format('GRANT INSERT, UPDATE (records, hash) ON TABLE %I TO %I', t.relname, app);
        ELSIF t.relname = 'audit_head' THEN
            EXECUTE format('GRANT INSERT, UPDATE (seq, hash) ON TABLE %I TO %I', t.relname, app);
        ELSIF t.relname LIKE 'gdprctl\_%' THEN
            NULL;  -- the store's own bookkeeping (schema identity and version): read only
        ELSE
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON TABLE %I TO %I', t.relname, app);
        END IF;
    END LOOP;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, app);
    EXECUTE format('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, reader);
    -- Erasure: PostgreSQL 15 lets only a table's owner rewrite it (VACUUM FULL), so the erased
    -- values stay in the tables' files after a `subject erase` by the application role until the
    -- owner runs the VACUUM (FULL) the command names (docs/deployment.md). Autovacuum does not
    -- help: a plain VACUUM frees the old rows' space without overwriting it.
END
$$;
