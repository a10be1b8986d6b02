-- Uncovered ground per grid (the grid minus what is in view) as GeoJSON. $1 grid or NULL,
-- $2 community or NULL, $3..$6 bbox (WGS 84), $7 limit (grids). Least covered first.
WITH hits AS (
  SELECT g.id, g.code, g.name, gc.area_m2, gc.covered_m2, gc.area_share, g.geom_3857, gc.covered
  FROM grids g JOIN grid_coverage gc ON gc.grid_id = g.id
  WHERE g.geom && ST_MakeEnvelope($3, $4, $5, $6, 4326)
    AND ($1::int IS NULL OR g.id = $1)
    AND ($2::int IS NULL OR g.community_id = $2)
  ORDER BY gc.area_share NULLS FIRST, g.id
  LIMIT $7 + 1
), numbered AS (
  SELECT h.*, row_number() OVER () AS rn FROM hits h
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*) FILTER (WHERE rn <= $7),
  'truncated', count(*) > $7,
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', 'a' || n.id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(
      CASE WHEN ST_IsEmpty(n.covered) THEN n.geom_3857 ELSE ST_Difference(n.geom_3857, n.covered) END, 4326)), 7)::json,
    'properties', json_build_object(
      'gap', 'area', 'grid_id', n.id, 'code', n.code, 'name', n.name,
      'uncovered_m2', round((n.area_m2 - n.covered_m2)::numeric, 1), 'area_share', n.area_share)
  ) ORDER BY n.rn) FILTER (WHERE rn <= $7), '[]'::json)
)::text AS body
FROM numbered n
