-- Land use, from zoom 9 (below that it is noise on a wall display). $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'landuse', 4096, 'geom') FROM (
  SELECT l.kind,
         ST_AsMVTGeom(l.geom_3857, env.geom, 4096, 64, true) AS geom
  FROM landuse l, env
  WHERE $1 >= 9 AND l.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
