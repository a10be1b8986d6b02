-- The newest stored position of each named unit: what the next fixes are judged against.
SELECT id, ST_X(last_geom) AS lon, ST_Y(last_geom) AS lat, last_fix_at
FROM patrol_units WHERE id = ANY($1::int[])
