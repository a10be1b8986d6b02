-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 015_incident_summary_fn.
-- The shape in which an incident travels to screens, built in SQL so that a change, its
-- history row and its outbox event can be written by ONE statement (one round trip, committed
-- inside PostgreSQL): the outbox ordering lock is then never held across a round trip to the
-- application. Timestamps are ISO 8601 UTC with milliseconds, as JavaScript writes them.
CREATE OR REPLACE FUNCTION incident_summary(i incidents, deadlines jsonb) RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'id', i.id, 'category', i.category, 'grade', i.grade, 'status', i.status, 'source', i.source,
    'description', i.description,
    'reported_at', iso_utc(i.reported_at), 'updated_at', iso_utc(i.updated_at), 'closed_at', iso_utc(i.closed_at),
    'due_at', iso_utc(i.updated_at + make_interval(mins => (deadlines -> i.grade ->> i.status)::int)),
    'grid_id', i.grid_id, 'community_id', i.community_id, 'street_office_id', i.street_office_id,
    'district_id', i.district_id, 'assigned_unit_id', i.assigned_unit_id, 'duplicate_of', i.duplicate_of,
    'version', i.version, 'lon', ST_X(i.geom), 'lat', ST_Y(i.geom))
$$;
