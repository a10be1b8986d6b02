-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 018_grid_edits.
-- The history is evidence, like incident_history: appended to, never rewritten.
CREATE OR REPLACE FUNCTION grid_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grid_versions is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
