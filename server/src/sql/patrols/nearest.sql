-- Patrol units nearest a point by straight-line distance (KNN on the GiST index, then exact
-- geodesic metres). Units off duty or without a recent position are listed after the others.
-- $1 lon, $2 lat, $3 limit, $4 include off-duty.
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS geom),
knn AS (
  SELECT u.*
  FROM patrol_units u, pt
  WHERE u.last_geom IS NOT NULL AND ($4 OR u.status <> 'off_duty')
  ORDER BY u.last_geom <-> pt.geom
  LIMIT $3 * 4
)
SELECT k.id, k.code, k.name, k.kind, k.status, k.phone, k.home_grid_id, k.last_fix_at,
       ST_X(k.last_geom) AS lon, ST_Y(k.last_geom) AS lat,
       round(ST_Distance(k.last_geom::geography, pt.geom::geography)::numeric, 1)::float8 AS distance_m
FROM knn k, pt
ORDER BY (k.status = 'off_duty'), distance_m
LIMIT $3;
