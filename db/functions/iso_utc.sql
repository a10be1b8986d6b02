-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 015_incident_summary_fn.
-- A timestamp as ISO 8601 UTC with milliseconds, as JavaScript writes it.
CREATE OR REPLACE FUNCTION iso_utc(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
