-- Visits, newest first, filtered by day (city time zone), unit and grid; `total` counts all matches.
-- $1 day or NULL, $2 time zone, $3 unit or NULL, $4 grid or NULL, $5 limit, $6 id or NULL
SELECT v.id, v.unit_id, v.user_id, v.grid_id, v.building_id::int AS building_id, v.household, v.who, v.found,
       v.photos, v.visited_at, v.received_at, ST_X(v.geom) AS lon, ST_Y(v.geom) AS lat,
       count(*) OVER ()::int AS total
FROM visits v
WHERE ($1::date IS NULL OR (v.visited_at >= ($1::date::timestamp AT TIME ZONE $2)
                            AND v.visited_at < (($1::date + 1)::timestamp AT TIME ZONE $2)))
  AND ($3::int IS NULL OR v.unit_id = $3)
  AND ($4::int IS NULL OR v.grid_id = $4)
  AND ($6::uuid IS NULL OR v.id = $6)
ORDER BY v.visited_at DESC, v.id
LIMIT $5
