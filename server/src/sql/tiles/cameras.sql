-- Cameras with what a coverage view needs. $1 z, $2 x, $3 y.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'cameras', 4096, 'geom', 'id') FROM (
  SELECT c.id, c.code, c.kind, c.status, c.bearing_deg, c.fov_deg, c.range_m, c.height_m, c.grid_id,
         ST_AsMVTGeom(c.geom_3857, env.geom, 4096, 16, true) AS geom
  FROM cameras c, env
  WHERE c.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
