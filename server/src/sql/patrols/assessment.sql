-- A grid worker's day, computed on the fly (a read never writes): the share of the grid's street
-- length within $3 metres of the day's track, and the share of fixes inside the grid. $1 day,
-- $2 time zone, $3 buffer metres, $4 community id or NULL (all grids).
WITH span AS (
  SELECT ($1::date::timestamp AT TIME ZONE $2) AS t0, (($1::date + 1)::timestamp AT TIME ZONE $2) AS t1
),
workers AS (
  SELECT u.id, u.home_grid_id AS grid_id, g.geom AS grid_geom
  FROM patrol_units u JOIN grids g ON g.id = u.home_grid_id
  WHERE u.kind = 'grid_worker' AND ($4::int IS NULL OR g.community_id = $4)
),
tracks AS (
  SELECT w.id, count(*)::int AS fixes, count(*) FILTER (WHERE f.grid_id = w.grid_id)::int AS inside,
         ST_Buffer(ST_MakeLine(f.geom ORDER BY f.t)::geography, $3)::geometry AS corridor
  FROM workers w, span JOIN patrol_fixes f ON true
  WHERE f.unit_id = w.id AND f.t >= span.t0 AND f.t < span.t1
  GROUP BY w.id
),
streets AS (
  SELECT w.id, r.geom, r.length_m
  FROM workers w JOIN roads r ON r.geom && w.grid_geom AND ST_Intersects(r.geom, w.grid_geom)
),
walked AS (
  SELECT s.id, sum(s.length_m) AS street_m,
         coalesce(sum(CASE WHEN t.corridor IS NULL THEN 0
                           WHEN ST_CoveredBy(s.geom, t.corridor) THEN s.length_m
                           WHEN ST_Intersects(s.geom, t.corridor) THEN ST_Length(ST_Intersection(s.geom, t.corridor)::geography)
                           ELSE 0 END), 0) AS walked_m
  FROM streets s LEFT JOIN tracks t ON t.id = s.id
  GROUP BY s.id
)
SELECT w.id AS unit_id, u.code AS unit_code, u.name AS unit_name, w.grid_id, g.code AS grid_code,
       coalesce(t.fixes, 0) AS fixes, coalesce(k.street_m, 0)::float8 AS street_m, coalesce(k.walked_m, 0)::float8 AS walked_m,
       (CASE WHEN coalesce(k.street_m, 0) > 0 THEN least(1, k.walked_m / k.street_m) ELSE 0 END)::real AS walked_share,
       (CASE WHEN coalesce(t.fixes, 0) > 0 THEN t.inside::real / t.fixes ELSE 0 END)::real AS inside_share
FROM workers w JOIN patrol_units u ON u.id = w.id JOIN grids g ON g.id = w.grid_id
LEFT JOIN tracks t ON t.id = w.id LEFT JOIN walked k ON k.id = w.id
