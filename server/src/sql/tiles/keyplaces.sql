-- Key places (schools, hospitals, markets, stations…) from zoom 11. $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'keyplaces', 4096, 'geom', 'id') FROM (
  SELECT k.id, k.kind, k.name, k.name_zh, k.grid_id,
         ST_AsMVTGeom(k.geom_3857, env.geom, 4096, 16, true) AS geom
  FROM key_places k, env
  WHERE $1 >= 11 AND k.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
