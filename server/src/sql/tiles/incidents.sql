-- Incidents that matter on a map: every open one, and closed ones of the last 30 days.
-- $1 z, $2 x, $3 y. Times are epoch seconds.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'incidents', 4096, 'geom') FROM (
  SELECT i.id::text AS id, i.category, i.grade, i.status, i.grid_id,
         (i.closed_at IS NOT NULL) AS closed,
         extract(epoch FROM i.reported_at)::int AS reported_at,
         ST_AsMVTGeom(i.geom_3857, env.geom, 4096, 16, true) AS geom
  FROM incidents i, env
  WHERE i.geom_3857 && env.geom
    AND (i.closed_at IS NULL OR i.reported_at > now() - interval '30 days')
) t
WHERE t.geom IS NOT NULL;
