-- Cameras in a bbox as GeoJSON. $1..$4 bbox, $5 limit, $6 status or NULL, $7 grid id or NULL.
WITH hits AS (
  SELECT c.* FROM cameras c
  WHERE c.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
    AND ($6::text IS NULL OR c.status = $6)
    AND ($7::int IS NULL OR c.grid_id = $7)
  ORDER BY c.id
  LIMIT $5 + 1
), numbered AS (
  SELECT h.*, row_number() OVER (ORDER BY h.id) AS rn FROM hits h
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*) FILTER (WHERE rn <= $5),
  'truncated', count(*) > $5,
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature',
    'id', n.id,
    'geometry', ST_AsGeoJSON(n.geom, 7)::json,
    'properties', json_build_object(
      'id', n.id, 'code', n.code, 'kind', n.kind, 'status', n.status,
      'bearing_deg', n.bearing_deg, 'fov_deg', n.fov_deg, 'range_m', n.range_m, 'height_m', n.height_m,
      'grid_id', n.grid_id, 'installed_at', n.installed_at)
  ) ORDER BY n.id) FILTER (WHERE rn <= $5), '[]'::json)
)::text AS body
FROM numbered n;
