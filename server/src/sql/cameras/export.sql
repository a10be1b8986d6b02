-- One page of the registry as GeoJSON features (text), after id $1, at most $2; optional
-- filters: $3 status, $4 grid, $5 community, $6..$9 bbox (WGS 84).
SELECT c.id, json_build_object(
  'type', 'Feature', 'id', c.id,
  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(c.geom), 7)::json,
  'properties', json_build_object(
    'code', c.code, 'kind', c.kind, 'status', c.status, 'bearing_deg', c.bearing_deg, 'fov_deg', c.fov_deg,
    'range_m', c.range_m, 'height_m', c.height_m, 'installed_at', to_char(c.installed_at, 'YYYY-MM-DD'),
    'grid_id', c.grid_id, 'version', c.version))::text AS feature
FROM cameras c
WHERE c.id > $1
  AND ($3::text IS NULL OR c.status = $3)
  AND ($4::int IS NULL OR c.grid_id = $4)
  AND ($5::int IS NULL OR c.grid_id IN (SELECT id FROM grids WHERE community_id = $5))
  AND c.geom && ST_MakeEnvelope($6, $7, $8, $9, 4326)
ORDER BY c.id
LIMIT $2
