-- Uncovered key places and intersections as GeoJSON. $1 grid or NULL, $2 community or NULL,
-- $3..$6 bbox (WGS 84), $7 limit, $8 main intersections only (key places always included),
-- $9 include key places, $10 include intersections.
WITH scope AS (
  SELECT CASE WHEN $1::int IS NOT NULL THEN (SELECT geom_3857 FROM grids WHERE id = $1)
              WHEN $2::int IS NOT NULL THEN (SELECT ST_Transform(geom, 3857) FROM communities WHERE id = $2) END AS g
), hits AS (
  SELECT p.* FROM coverage_points p, scope
  WHERE NOT p.covered
    AND p.geom && ST_MakeEnvelope($3, $4, $5, $6, 4326)
    AND (scope.g IS NULL OR ST_DWithin(p.geom_3857, scope.g, 0.01))
    AND (CASE WHEN p.key_place_id IS NOT NULL THEN $9::boolean ELSE $10::boolean AND (NOT $8::boolean OR p.main) END)
  ORDER BY p.key_place_id IS NULL, NOT p.main, p.id
  LIMIT $7 + 1
), numbered AS (
  SELECT h.*, row_number() OVER () AS rn FROM hits h
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'numberReturned', count(*) FILTER (WHERE rn <= $7),
  'truncated', count(*) > $7,
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', 'p' || n.id,
    'geometry', ST_AsGeoJSON(n.geom, 7)::json,
    'properties', json_build_object(
      'gap', 'keyplace', 'point_id', n.id, 'kind', n.kind, 'key_place_id', n.key_place_id, 'name', n.name, 'name_zh', n.name_zh,
      'main', n.main, 'degree', n.degree, 'seen_share', round(n.seen_share::numeric, 3))
  ) ORDER BY n.rn) FILTER (WHERE rn <= $7), '[]'::json)
)::text AS body
FROM numbered n
