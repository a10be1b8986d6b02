-- Uncovered parts of road segments as GeoJSON. $1 grid or NULL, $2 community or NULL, $3..$6
-- bbox (WGS 84), $7 limit, $8 main roads only. Longest uncovered first.
WITH scope AS (
  SELECT CASE WHEN $1::int IS NOT NULL THEN (SELECT geom_3857 FROM grids WHERE id = $1)
              WHEN $2::int IS NOT NULL THEN (SELECT ST_Transform(geom, 3857) FROM communities WHERE id = $2) END AS g
), hits AS (
  SELECT x.id, x.class, x.name, x.name_zh, rc.main, rc.length_m, rc.covered_m, rc.uncovered
  FROM roads x JOIN road_coverage rc ON rc.road_id = x.id, scope
  WHERE rc.covered_m < rc.length_m - 0.5
    AND x.geom && ST_MakeEnvelope($3, $4, $5, $6, 4326)
    AND (NOT $8::boolean OR rc.main)
    AND (scope.g IS NULL OR (x.geom_3857 && scope.g AND ST_DWithin(ST_LineInterpolatePoint(x.geom_3857, 0.5), scope.g, 0.01)))
  ORDER BY rc.length_m - rc.covered_m DESC, x.id
  LIMIT $7 + 1
), numbered AS (
  SELECT h.*, row_number() OVER () AS rn FROM hits h
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*) FILTER (WHERE rn <= $7),
  'truncated', count(*) > $7,
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', 'r' || n.id,
    'geometry', ST_AsGeoJSON(ST_Transform(n.uncovered, 4326), 7)::json,
    'properties', json_build_object(
      'gap', 'road', 'road_id', n.id, 'class', n.class, 'name', n.name, 'name_zh', n.name_zh, 'main', n.main,
      'length_m', round(n.length_m::numeric, 1), 'uncovered_m', round((n.length_m - n.covered_m)::numeric, 1))
  ) ORDER BY n.rn) FILTER (WHERE rn <= $7), '[]'::json)
)::text AS body
FROM numbered n
