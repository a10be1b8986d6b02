-- A worker's unit and the grid it looks after (the grid naming the unit as its worker, else the
-- unit's home grid); a patrol team has none. $1 unit id. Geometry as GeoJSON, 7 decimals (~1 cm).
SELECT u.id, u.code, u.name, u.kind, u.status, u.phone,
       g.id AS grid_id, g.code AS grid_code, g.name AS grid_name, g.households,
       c.name_zh AS community_name,
       ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json AS geometry
FROM patrol_units u
LEFT JOIN LATERAL (
  SELECT * FROM grids g
  WHERE u.kind = 'grid_worker' AND (g.worker_id = u.id OR g.id = u.home_grid_id)
  ORDER BY (g.worker_id = u.id) DESC, g.id
  LIMIT 1
) g ON true
LEFT JOIN communities c ON c.id = g.community_id
WHERE u.id = $1
