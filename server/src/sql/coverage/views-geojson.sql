-- The views of working cameras in a bbox ($1..$4, WGS 84) as GeoJSON, at most $5.
WITH hits AS (
  SELECT v.camera_id, v.geom, v.area_m2, c.code, c.kind
  FROM cameras c JOIN camera_coverage v ON v.camera_id = c.id
  WHERE c.geom && ST_Expand(ST_MakeEnvelope($1, $2, $3, $4, 4326), 0.02)
    AND v.geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)
  ORDER BY v.camera_id
  LIMIT $5 + 1
), numbered AS (
  SELECT h.*, row_number() OVER () AS rn FROM hits h
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*) FILTER (WHERE rn <= $5),
  'truncated', count(*) > $5,
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', n.camera_id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(n.geom, 4326)), 7)::json,
    'properties', json_build_object('camera_id', n.camera_id, 'code', n.code, 'kind', n.kind, 'view_m2', round(n.area_m2::numeric, 1))
  ) ORDER BY n.rn) FILTER (WHERE rn <= $5), '[]'::json)
)::text AS body
FROM numbered n
