-- Open incidents for the wall's markers, newest first, with whether their current step is
-- overdue. $1 deadlines json, $2 limit.
SELECT i.id, i.grade, i.status, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat,
       iso_utc(i.reported_at) AS reported_at,
       iso_utc(i.updated_at + make_interval(mins => ($1::jsonb -> i.grade ->> i.status)::int)) AS due_at
FROM incidents i
WHERE i.closed_at IS NULL
ORDER BY i.reported_at DESC
LIMIT $2;
