-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 005_incidents.
-- History is evidence: it may be appended to, never rewritten.
CREATE OR REPLACE FUNCTION incident_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_history is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
