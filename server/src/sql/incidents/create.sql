-- Stores a field report, its first history row and its outbox event in one statement.
-- The id is chosen by the device: a retried report conflicts and returns no row (the caller
-- then compares it with the stored one). A point outside every grid also returns no row.
-- The grid, community, street office and district come from a spatial join now; deadlines
-- count from the moment the report reached the server, not from the phone's clock.
-- $1 id, $2 category, $3 grade, $4 source, $5 description, $6 photos, $7 reported_by,
-- $8 reported_at, $9 lon, $10 lat, $11 deadlines, $12 outbox lock key
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($9, $10), 4326) AS geom),
loc AS (
  SELECT g.id AS grid_id, c.id AS community_id, s.id AS street_office_id, s.district_id
  FROM grids g
  JOIN communities c ON c.id = g.community_id
  JOIN street_offices s ON s.id = c.street_office_id, pt
  WHERE ST_Covers(g.geom, pt.geom)
  ORDER BY g.id
  LIMIT 1
),
ins AS (
  INSERT INTO incidents (id, category, grade, status, source, description, photos, reported_by, reported_at, updated_at,
                         grid_id, community_id, street_office_id, district_id, geom)
  SELECT $1, $2, $3, 'reported', $4, $5, $6, $7, $8, clock_timestamp(),
         loc.grid_id, loc.community_id, loc.street_office_id, loc.district_id, pt.geom
  FROM pt JOIN loc ON true
  ON CONFLICT (id) DO NOTHING
  RETURNING *
),
hist AS (
  INSERT INTO incident_history (incident_id, action, from_status, to_status, actor, note, at, geom)
  SELECT ins.id, 'report', NULL, 'reported', $7, $5, ins.updated_at, ins.geom FROM ins
  RETURNING *
),
ev AS (
  INSERT INTO events (type, payload, district_id, community_id)
  SELECT 'incident.created',
         jsonb_build_object('incident', incident_summary(ins, $11), 'history', history_entry(hist)),
         ins.district_id, ins.community_id
  FROM ins, hist, (SELECT pg_advisory_xact_lock($12)) AS ordered
  RETURNING seq, payload
)
SELECT payload->'incident' AS incident, payload->'history' AS history, seq FROM ev;
