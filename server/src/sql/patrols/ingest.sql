-- Stores a judged batch of fixes in one statement: each fix gets its grid by spatial join, a
-- fix already stored (same unit and time) is skipped, and each unit's current position moves
-- only forward in time. $1 unit ids, $2 times, $3 lon, $4 lat, $5 accuracy, $6 speed,
-- $7 which fixes are their unit's newest of the batch.
WITH f AS (
  SELECT f.*, ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326) AS geom
  FROM unnest($1::int[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::bool[])
       AS f(unit_id, t, lon, lat, accuracy_m, speed_mps, newest)
),
located AS (
  SELECT f.*, (SELECT g.id FROM grids g WHERE ST_Intersects(g.geom, f.geom) LIMIT 1) AS grid_id FROM f
),
ins AS (
  INSERT INTO patrol_fixes (unit_id, t, accuracy_m, speed_mps, grid_id, geom)
  SELECT unit_id, t, accuracy_m, speed_mps, grid_id, geom FROM located
  ON CONFLICT (unit_id, t) DO NOTHING
  RETURNING unit_id, t
),
moved AS (
  UPDATE patrol_units u
  -- Its street crossing is found after the batch (PatrolSnapper), off this hot path.
  SET last_geom = l.geom, last_fix_at = l.t, vertex_id = NULL
  FROM located l
  WHERE l.newest AND u.id = l.unit_id AND (u.last_fix_at IS NULL OR u.last_fix_at < l.t)
  RETURNING u.id, u.kind, u.status, u.home_grid_id, l.grid_id, l.lon, l.lat, l.t
)
SELECT (SELECT count(*)::int FROM ins) AS stored,
       coalesce((SELECT json_agg(json_build_array(id, lon, lat, extract(epoch FROM t) * 1000, status,
                   CASE WHEN kind = 'grid_worker' THEN grid_id IS NOT DISTINCT FROM home_grid_id END, grid_id)) FROM moved), '[]') AS moved
