-- Building footprints from zoom 14. $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'buildings', 4096, 'geom') FROM (
  SELECT b.use, b.floors, b.households,
         ST_AsMVTGeom(b.geom_3857, env.geom, 4096, 16, true) AS geom
  FROM buildings b, env
  WHERE $1 >= 14 AND b.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
