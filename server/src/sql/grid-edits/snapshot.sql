-- A community's grids as stored in the version history; full-precision GeoJSON so a restore
-- rebuilds the very same boundaries. $1 community id.
SELECT coalesce(json_agg(json_build_object(
  'id', id, 'code', code, 'name', name, 'type', type, 'worker_id', worker_id,
  'allow_multipart', allow_multipart, 'version', version, 'households', households, 'population', population,
  'geom', ST_AsGeoJSON(geom, 15)::json) ORDER BY id), '[]'::json) AS grids
FROM grids WHERE community_id = $1
