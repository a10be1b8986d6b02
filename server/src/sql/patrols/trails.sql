-- Short trails: each unit's fixes of the last $1 minutes (relative to its own newest fix, so a
-- replayed or delayed feed still has trails), oldest first. $2 bbox or NULL.
SELECT f.unit_id AS id,
       json_agg(json_build_array(round(ST_X(f.geom)::numeric, 6), round(ST_Y(f.geom)::numeric, 6)) ORDER BY f.t) AS path,
       json_agg(extract(epoch FROM f.t)::bigint * 1000 ORDER BY f.t) AS times
FROM patrol_units u
JOIN patrol_fixes f ON f.unit_id = u.id AND f.t > u.last_fix_at - make_interval(mins => $1) AND f.t <= u.last_fix_at
WHERE u.last_fix_at IS NOT NULL AND u.status <> 'off_duty'
  AND ($2::float8[] IS NULL OR u.last_geom && ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326))
GROUP BY f.unit_id
