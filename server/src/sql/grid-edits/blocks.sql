-- A community's blocks (the brush's units) with the grid each is in. $1 community id.
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
  'type', 'Feature', 'id', b.id, 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 7)::json,
  'properties', json_build_object('id', b.id, 'grid_id', b.grid_id,
    'households', (SELECT coalesce(sum(x.households), 0) FROM buildings x WHERE x.grid_id = b.grid_id AND x.geom && b.geom AND ST_Intersects(b.geom, ST_PointOnSurface(x.geom))))
) ORDER BY b.id), '[]'::json))::text AS body
FROM blocks b WHERE b.community_id = $1
