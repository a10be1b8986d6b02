-- One grid with everything an inspector shows. $1 grid id.
SELECT json_build_object(
  'type', 'Feature',
  'id', g.id,
  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
  'properties', json_build_object(
    'id', g.id, 'code', g.code, 'name', g.name, 'type', g.type,
    'households', g.households, 'population', g.population, 'version', g.version,
    'updated_at', g.updated_at, 'updated_by', g.updated_by,
    'community_id', c.id, 'community_name', c.name_zh, 'community_kind', c.kind,
    'street_office_id', s.id, 'street_office_name', s.name_zh,
    'district_id', d.id, 'district_name', d.name_zh,
    'worker_id', w.id, 'worker_name', w.name, 'worker_phone', w.phone,
    'open_incidents', (SELECT count(*) FROM incidents i WHERE i.grid_id = g.id AND i.closed_at IS NULL),
    'incidents_30d', (SELECT count(*) FROM incidents i WHERE i.grid_id = g.id AND i.reported_at > now() - interval '30 days'),
    'cameras', (SELECT count(*) FROM cameras k WHERE k.grid_id = g.id),
    'cameras_working', (SELECT count(*) FROM cameras k WHERE k.grid_id = g.id AND k.status = 'working'),
    'buildings', (SELECT count(*) FROM buildings b WHERE b.grid_id = g.id),
    'key_places', (SELECT count(*) FROM key_places p WHERE p.grid_id = g.id),
    'area_km2', round((ST_Area(g.geom::geography) / 1e6)::numeric, 4),
    'bbox', json_build_array(ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom))
  )
)::text AS body
FROM grids g
JOIN communities c ON c.id = g.community_id
JOIN street_offices s ON s.id = c.street_office_id
JOIN districts d ON d.id = s.district_id
LEFT JOIN patrol_units w ON w.id = g.worker_id
WHERE g.id = $1;
