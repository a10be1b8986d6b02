-- Rivers, lakes and ponds. $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'water', 4096, 'geom') FROM (
  SELECT w.id, w.kind, w.name, w.name_zh,
         ST_AsMVTGeom(w.geom_3857, env.geom, 4096, 64, true) AS geom
  FROM water w, env
  WHERE w.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
