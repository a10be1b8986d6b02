-- Cameras whose view could reach the bbox $1..$4 (WGS 84): within their range of it.
WITH env AS (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857) AS e)
SELECT c.id FROM cameras c, env
WHERE c.geom_3857 && ST_Expand(env.e, 2000 / cos(radians(least(abs($2), abs($4), 85))))
  AND ST_DWithin(c.geom_3857, env.e, c.range_m / cos(radians(ST_Y(c.geom))))
ORDER BY c.id
