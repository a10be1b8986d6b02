-- Last known positions of patrol teams and grid workers (off duty left out).
SELECT u.id, u.kind, u.status, ST_X(u.last_geom) AS lon, ST_Y(u.last_geom) AS lat
FROM patrol_units u
WHERE u.last_geom IS NOT NULL AND u.status <> 'off_duty'
ORDER BY u.id;
