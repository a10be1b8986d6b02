-- Everything a printed grid map (the public notice board) shows, in WGS 84. $1 grid id.
WITH g AS (SELECT * FROM grids WHERE id = $1),
box AS (SELECT ST_Expand(g.geom::box2d::geometry, greatest(ST_XMax(g.geom) - ST_XMin(g.geom), ST_YMax(g.geom) - ST_YMin(g.geom)) * 0.12) AS geom FROM g)
SELECT json_build_object(
  'grid', json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'type', g.type, 'households', g.households,
    'population', g.population, 'version', g.version, 'updated_at', g.updated_at,
    'area_km2', round((ST_Area(g.geom::geography) / 1e6)::numeric, 3),
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json),
  'community', (SELECT json_build_object('name', c.name, 'name_zh', c.name_zh, 'street_office', s.name_zh, 'district', d.name_zh)
                FROM communities c JOIN street_offices s ON s.id = c.street_office_id JOIN districts d ON d.id = s.district_id WHERE c.id = g.community_id),
  'worker', (SELECT json_build_object('name', w.name, 'phone', w.phone) FROM patrol_units w WHERE w.id = g.worker_id),
  'bbox', (SELECT json_build_array(ST_XMin(box.geom), ST_YMin(box.geom), ST_XMax(box.geom), ST_YMax(box.geom)) FROM box),
  'neighbours', (SELECT coalesce(json_agg(json_build_object('code', n.code, 'name', n.name, 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(n.geom), 7)::json,
                   'label', ST_AsGeoJSON(ST_PointOnSurface(n.geom), 7)::json)), '[]')
                 FROM grids n, box WHERE n.id <> g.id AND n.geom && box.geom),
  'roads', (SELECT coalesce(json_agg(json_build_object('class', r.class, 'name', r.name_zh, 'geometry', ST_AsGeoJSON(r.geom, 7)::json)), '[]')
            FROM roads r, box WHERE r.geom && box.geom),
  'buildings', (SELECT coalesce(json_agg(ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 7)::json), '[]')
                FROM (SELECT b.geom FROM buildings b, box WHERE b.geom && box.geom LIMIT 4000) b),
  'places', (SELECT coalesce(json_agg(json_build_object('name', k.name_zh, 'kind', k.kind, 'geometry', ST_AsGeoJSON(k.geom, 7)::json)), '[]')
             FROM key_places k WHERE k.grid_id = g.id)
) AS map
FROM g
