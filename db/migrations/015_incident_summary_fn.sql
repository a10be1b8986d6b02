-- The shape in which an incident travels to screens, built in SQL so that a change, its
-- history row and its outbox event can be written by ONE statement (one round trip, committed
-- inside PostgreSQL): the outbox ordering lock is then never held across a round trip to the
-- application. Timestamps are ISO 8601 UTC with milliseconds, as JavaScript writes them.
CREATE FUNCTION iso_utc(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

CREATE FUNCTION incident_summary(i incidents, deadlines jsonb) RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'id', i.id, 'category', i.category, 'grade', i.grade, 'status', i.status, 'source', i.source,
    'description', i.description,
    'reported_at', iso_utc(i.reported_at), 'updated_at', iso_utc(i.updated_at), 'closed_at', iso_utc(i.closed_at),
    'due_at', iso_utc(i.updated_at + make_interval(mins => (deadlines -> i.grade ->> i.status)::int)),
    'grid_id', i.grid_id, 'community_id', i.community_id, 'street_office_id', i.street_office_id,
    'district_id', i.district_id, 'assigned_unit_id', i.assigned_unit_id, 'duplicate_of', i.duplicate_of,
    'version', i.version, 'lon', ST_X(i.geom), 'lat', ST_Y(i.geom))
$$;

CREATE FUNCTION history_entry(h incident_history) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'action', h.action, 'from_status', h.from_status, 'to_status', h.to_status, 'actor', h.actor, 'note', h.note,
    'at', iso_utc(h.at), 'lon', ST_X(h.geom), 'lat', ST_Y(h.geom))
$$;
