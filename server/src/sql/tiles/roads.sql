-- Streets, thinned by class at low zooms. $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'roads', 4096, 'geom') FROM (
  SELECT r.id, r.class, r.name, r.name_zh,
         ST_AsMVTGeom(r.geom_3857, env.geom, 4096, 64, true) AS geom
  FROM roads r, env
  WHERE r.geom_3857 && env.geom
    AND (r.class = 'arterial'
      OR (r.class IN ('secondary', 'rural') AND $1 >= 11)
      OR (r.class = 'lane' AND $1 >= 13))
) t
WHERE t.geom IS NOT NULL;
