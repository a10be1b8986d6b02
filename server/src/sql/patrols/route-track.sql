-- A unit's fixes between two times, each with whether it lies inside the unit's own grid.
-- $1 unit, $2 from, $3 to.
SELECT ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, (extract(epoch FROM f.t) * 1000)::float8 AS t,
       CASE WHEN u.home_grid_id IS NULL THEN NULL ELSE f.grid_id IS NOT DISTINCT FROM u.home_grid_id END AS inside
FROM patrol_fixes f JOIN patrol_units u ON u.id = f.unit_id
WHERE f.unit_id = $1 AND f.t >= $2 AND f.t <= $3
ORDER BY f.t
