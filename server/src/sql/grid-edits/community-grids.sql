-- A community's grids for the editor: boundaries, figures, balance against the standard and
-- shape measures, as a GeoJSON FeatureCollection (text). Unit grids (单位网格: a school, a firm, a
-- compound run by its own organisation) have no household standard: their balance is 'exempt'.
-- $1 community id, $2 target households, $3 band (relative, e.g. 0.25).
WITH g AS (
  SELECT g.*, w.name AS worker_name,
         ST_Area(g.geom::geography) AS area_m2, ST_Perimeter(g.geom::geography) AS perimeter_m,
         (SELECT count(*) FROM buildings b WHERE b.grid_id = g.id)::int AS buildings,
         (SELECT count(*) FROM key_places k WHERE k.grid_id = g.id)::int AS key_places,
         (SELECT count(*) FROM cameras k WHERE k.grid_id = g.id)::int AS cameras,
         (SELECT count(*) FROM incidents i WHERE i.grid_id = g.id AND i.closed_at IS NULL)::int AS open_incidents,
         (SELECT count(*) FROM blocks b WHERE b.grid_id = g.id)::int AS blocks
  FROM grids g LEFT JOIN patrol_units w ON w.id = g.worker_id
  WHERE g.community_id = $1
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'community', (SELECT json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'name_zh', c.name_zh, 'kind', c.kind,
                  'bbox', json_build_array(ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)),
                  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(c.geom), 7)::json,
                  'latest_version', (SELECT max(id) FROM grid_versions v WHERE v.community_id = c.id))
                FROM communities c WHERE c.id = $1),
  'target', $2::int, 'band', $3::float8,
  'features', coalesce((SELECT json_agg(json_build_object(
    'type', 'Feature', 'id', g.id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
    'properties', json_build_object(
      'id', g.id, 'code', g.code, 'name', g.name, 'type', g.type, 'version', g.version,
      'updated_by', g.updated_by, 'updated_at', g.updated_at,
      'households', g.households, 'population', g.population, 'worker_id', g.worker_id, 'worker_name', g.worker_name,
      'buildings', g.buildings, 'key_places', g.key_places, 'cameras', g.cameras, 'open_incidents', g.open_incidents,
      'blocks', g.blocks, 'area_m2', round(g.area_m2::numeric, 1),
      'deviation', CASE WHEN g.type = 'unit' THEN NULL ELSE round((g.households::numeric / $2 - 1), 3) END,
      'balance', CASE WHEN g.type = 'unit' THEN 'exempt' WHEN g.households::float8 / $2 - 1 < -$3 THEN 'under' WHEN g.households::float8 / $2 - 1 > $3 THEN 'over' ELSE 'ok' END,
      'parts', ST_NumGeometries(g.geom), 'contiguous', ST_NumGeometries(g.geom) = 1, 'allow_multipart', g.allow_multipart,
      'compactness', CASE WHEN g.perimeter_m > 0 THEN round(least(1, 4 * pi() * g.area_m2 / (g.perimeter_m ^ 2))::numeric, 3) ELSE 0 END)
  ) ORDER BY g.id) FROM g), '[]'::json)
)::text AS body
