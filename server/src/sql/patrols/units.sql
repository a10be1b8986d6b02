-- Every unit with its current position, status and whether it is inside its own area (its grid
-- for a grid worker, its street office for a patrol team), and the dispatched incident it is
-- responding to (from the open incidents: one pass over the partial index, not one per unit).
-- $1 bbox or NULL (minLon,minLat,maxLon,maxLat).
WITH responding AS (
  SELECT DISTINCT ON (i.assigned_unit_id) i.assigned_unit_id AS unit_id, i.id
  FROM incidents i
  WHERE i.closed_at IS NULL AND i.status = 'dispatched' AND i.assigned_unit_id IS NOT NULL
  ORDER BY i.assigned_unit_id, i.updated_at DESC
)
SELECT u.id, u.code, u.name, u.kind, u.status, u.home_grid_id, u.street_office_id,
       ST_X(u.last_geom) AS lon, ST_Y(u.last_geom) AS lat, u.last_fix_at,
       CASE WHEN u.kind = 'grid_worker' THEN EXISTS (SELECT 1 FROM grids g WHERE g.id = u.home_grid_id AND ST_Intersects(g.geom, u.last_geom))
            ELSE EXISTS (SELECT 1 FROM street_offices s WHERE s.id = u.street_office_id AND ST_Intersects(s.geom, u.last_geom)) END AS in_own_area,
       r.id AS responding_to
FROM patrol_units u
LEFT JOIN responding r ON r.unit_id = u.id
WHERE u.last_geom IS NOT NULL
  AND ($1::float8[] IS NULL OR u.last_geom && ST_MakeEnvelope($1[1], $1[2], $1[3], $1[4], 4326))
ORDER BY u.id
