-- One number per grid for colouring the grid tiles by a measure, as two parallel columns.
-- $1 measure: open_incidents | overdue | households (households against the standard, as a
-- ratio), $2 deadlines json, $3 urban standard, $4 rural standard.
WITH v AS (
  SELECT g.id,
         CASE $1::text
           WHEN 'households' THEN round((g.households::numeric / CASE g.type WHEN 'rural' THEN $4::int ELSE $3::int END), 3)::float8
           WHEN 'overdue' THEN coalesce(o.overdue, 0)::float8
           ELSE coalesce(o.open, 0)::float8
         END AS value
  FROM grids g
  LEFT JOIN (
    SELECT grid_id, count(*) AS open,
           count(*) FILTER (WHERE updated_at + make_interval(mins => ($2::jsonb -> grade ->> status)::int) < now()) AS overdue
    FROM incidents WHERE closed_at IS NULL AND grid_id IS NOT NULL GROUP BY grid_id
  ) o ON o.grid_id = g.id
)
SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids, coalesce(array_agg(value ORDER BY id), '{}') AS values FROM v;
