-- Every unit's fixes in a time window, as trips (path + timestamps), for the playback map.
-- $1 from, $2 to, $3 bbox or NULL, $4 unit id or NULL. Ordered by unit, then time.
SELECT f.unit_id AS id, u.kind, u.code,
       json_agg(json_build_array(round(ST_X(f.geom)::numeric, 6), round(ST_Y(f.geom)::numeric, 6)) ORDER BY f.t) AS path,
       json_agg((extract(epoch FROM f.t) * 1000)::bigint ORDER BY f.t) AS times
FROM patrol_fixes f
JOIN patrol_units u ON u.id = f.unit_id
WHERE f.t >= $1 AND f.t <= $2
  AND ($3::float8[] IS NULL OR f.geom && ST_MakeEnvelope($3[1], $3[2], $3[3], $3[4], 4326))
  AND ($4::int IS NULL OR f.unit_id = $4)
GROUP BY f.unit_id, u.kind, u.code
ORDER BY f.unit_id
