-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- audit_log rows are never changed and deleted only by gb_audit_purge(), which says so for its own
-- transaction; audit_chain moves only with gb_audit_append() and gb_audit_purge(). (A superuser can
-- still disable the triggers: that is what the hash chain is for.)
CREATE OR REPLACE FUNCTION gb_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log'
     AND current_setting('gridboard.audit_writer', true) = 'retention' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_chain'
     AND current_setting('gridboard.audit_writer', true) IN ('append', 'retention') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
