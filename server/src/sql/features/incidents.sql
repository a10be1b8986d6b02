-- Incidents in a bbox and time window as GeoJSON, newest first.
-- $1..$4 bbox, $5 limit, $6 since, $7 until, $8 'open' | 'closed' | a status | NULL,
-- $9 grade or NULL, $10 category or NULL, $11 grid id or NULL.
WITH hits AS (
  SELECT i.* FROM incidents i
  WHERE i.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
    AND i.reported_at >= $6 AND i.reported_at < $7
    AND ($8::text IS NULL
      OR ($8 = 'open' AND i.closed_at IS NULL)
      OR ($8 = 'closed' AND i.closed_at IS NOT NULL)
      OR i.status = $8)
    AND ($9::text IS NULL OR i.grade = $9)
    AND ($10::text IS NULL OR i.category = $10)
    AND ($11::int IS NULL OR i.grid_id = $11)
  ORDER BY i.reported_at DESC, i.id
  LIMIT $5 + 1
), numbered AS (
  SELECT h.*, row_number() OVER (ORDER BY h.reported_at DESC, h.id) AS rn FROM hits h
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
      'id', n.id, 'category', n.category, 'grade', n.grade, 'status', n.status, 'source', n.source,
      'description', n.description, 'reported_at', n.reported_at, 'updated_at', n.updated_at,
      'closed_at', n.closed_at, 'grid_id', n.grid_id, 'community_id', n.community_id)
  ) ORDER BY n.rn) FILTER (WHERE rn <= $5), '[]'::json)
)::text AS body
FROM numbered n;
