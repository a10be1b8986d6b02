-- Finds the street crossing of units whose position moved since (ingest clears vertex_id), a
-- bounded number per call, by one process at a time. $1 most units, $2 lock key.
WITH todo AS (
  SELECT u.id FROM patrol_units u, (SELECT pg_try_advisory_xact_lock($2) AS ok) l
  WHERE l.ok AND u.vertex_id IS NULL AND u.last_geom IS NOT NULL
  LIMIT $1
  FOR UPDATE OF u SKIP LOCKED
)
UPDATE patrol_units u SET vertex_id = street_vertex_near(u.last_geom)
FROM todo WHERE u.id = todo.id
