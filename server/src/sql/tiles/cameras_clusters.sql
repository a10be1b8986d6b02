-- Low zooms: cameras counted per cell (1/64 of the tile side), with how many work.
-- $1 z, $2 x, $3 y, $4 cell size (m).
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'cameras', 4096, 'geom') FROM (
  SELECT count(*)::int AS count,
         count(*) FILTER (WHERE c.status = 'working')::int AS working,
         ST_AsMVTGeom(ST_Centroid(ST_Collect(c.geom_3857)), (SELECT geom FROM env), 4096, 16, true) AS geom
  FROM (
    SELECT c.status, c.geom_3857, ST_SnapToGrid(c.geom_3857, $4::float8) AS cell
    FROM cameras c, env
    WHERE c.geom_3857 && env.geom
  ) c
  GROUP BY c.cell
) t
WHERE t.geom IS NOT NULL;
