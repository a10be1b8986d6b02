-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 015_incident_summary_fn.
CREATE OR REPLACE FUNCTION history_entry(h incident_history) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'action', h.action, 'from_status', h.from_status, 'to_status', h.to_status, 'actor', h.actor, 'note', h.note,
    'at', iso_utc(h.at), 'lon', ST_X(h.geom), 'lat', ST_Y(h.geom), 'photos', h.photos)
$$;
