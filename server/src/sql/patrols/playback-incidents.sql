-- Incidents reported in a playback window, to appear on the map at their times. $1 from, $2 to, $3 bbox or NULL.
SELECT i.id, i.category, i.grade, i.status, (extract(epoch FROM i.reported_at) * 1000)::bigint AS t,
       ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
FROM incidents i
WHERE i.reported_at >= $1 AND i.reported_at <= $2
  AND ($3::float8[] IS NULL OR i.geom && ST_MakeEnvelope($3[1], $3[2], $3[3], $3[4], 4326))
ORDER BY i.reported_at
LIMIT 20000
