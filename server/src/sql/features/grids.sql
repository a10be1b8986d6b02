-- Grids intersecting a bbox as a GeoJSON FeatureCollection (text).
-- $1..$4 bbox (WGS 84), $5 limit, $6 community id or NULL.
WITH hits AS (
  SELECT g.id, g.code, g.name, g.type, g.households, g.population, g.version, g.community_id, g.geom,
         c.name_zh AS community_name, w.name AS worker_name,
         (SELECT count(*) FROM incidents i WHERE i.grid_id = g.id AND i.closed_at IS NULL)::int AS open_incidents
  FROM grids g
  JOIN communities c ON c.id = g.community_id
  LEFT JOIN patrol_units w ON w.id = g.worker_id
  WHERE g.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
    AND ($6::int IS NULL OR g.community_id = $6)
  ORDER BY g.id
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
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(n.geom), 7)::json,
    'properties', json_build_object(
      'id', n.id, 'code', n.code, 'name', n.name, 'type', n.type,
      'households', n.households, 'population', n.population, 'version', n.version,
      'community_id', n.community_id, 'community_name', n.community_name,
      'worker_name', n.worker_name, 'open_incidents', n.open_incidents)
  ) ORDER BY n.id) FILTER (WHERE rn <= $5), '[]'::json)
)::text AS body
FROM numbered n;
