-- A community's grids as a GeoJSON FeatureCollection for download; importable again through
-- /api/import/grids (RFC 7946: counter-clockwise exterior rings). $1 community id.
SELECT json_build_object(
  'type', 'FeatureCollection',
  'name', c.code,
  'features', coalesce((SELECT json_agg(json_build_object(
    'type', 'Feature', 'id', g.id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
    'properties', json_build_object(
      'id', g.id, 'code', g.code, 'name', g.name, 'type', g.type, 'version', g.version,
      'community_id', c.id, 'community_code', c.code, 'community_name', c.name_zh,
      'households', g.households, 'population', g.population, 'allow_multipart', g.allow_multipart,
      'worker_name', w.name, 'worker_phone', w.phone)
  ) ORDER BY g.id) FROM grids g LEFT JOIN patrol_units w ON w.id = g.worker_id WHERE g.community_id = c.id), '[]'::json)
)::text AS body
FROM communities c WHERE c.id = $1
