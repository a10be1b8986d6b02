-- Low zooms: the same incidents as incidents.sql, counted in cells of 1/64 of the tile side
-- so a city-wide view stays a few thousand features. $1 z, $2 x, $3 y, $4 cell size (m).
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'incidents', 4096, 'geom') FROM (
  SELECT count(*)::int AS count,
         count(*) FILTER (WHERE c.closed_at IS NULL)::int AS open,
         count(*) FILTER (WHERE c.grade <> 'routine' AND c.closed_at IS NULL)::int AS open_key,
         ST_AsMVTGeom(ST_Centroid(ST_Collect(c.geom_3857)), (SELECT geom FROM env), 4096, 16, true) AS geom
  FROM (
    SELECT i.closed_at, i.grade, i.geom_3857, ST_SnapToGrid(i.geom_3857, $4::float8) AS cell
    FROM incidents i, env
    WHERE i.geom_3857 && env.geom
      AND (i.closed_at IS NULL OR i.reported_at > now() - interval '30 days')
  ) c
  GROUP BY c.cell
) t
WHERE t.geom IS NOT NULL;
