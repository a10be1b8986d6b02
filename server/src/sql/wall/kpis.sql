-- The wall's headline figures in one round trip. $1 IANA time zone of the city ("today" and
-- the daily trend are local), $2 deadlines {grade: {status: minutes}}.
-- Closure rate (办结率): of the incidents reported in the last 30 days, the share closed.
-- Average handling time: reported → closed, over incidents closed (not rejected or marked
-- duplicate) in the last 30 days.
WITH day0 AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS t),
open AS (
  SELECT i.category, i.grade, i.grid_id,
         (i.updated_at + make_interval(mins => ($2::jsonb -> i.grade ->> i.status)::int)) < now() AS overdue
  FROM incidents i
  WHERE i.closed_at IS NULL
),
recent AS (
  SELECT i.reported_at, i.closed_at, i.status FROM incidents i WHERE i.reported_at >= now() - interval '30 days'
)
SELECT
  (SELECT count(*) FROM incidents WHERE reported_at >= (SELECT t FROM day0))::int AS today,
  (SELECT count(*) FROM open)::int AS open,
  (SELECT count(*) FROM open WHERE overdue)::int AS overdue,
  (SELECT count(*) FROM recent)::int AS reported30d,
  (SELECT count(*) FROM recent WHERE closed_at IS NOT NULL)::int AS closed30d,
  (SELECT avg(extract(epoch FROM closed_at - reported_at) / 60) FROM incidents
     WHERE closed_at >= now() - interval '30 days' AND status NOT IN ('rejected', 'duplicate'))::float8 AS "avgHandlingMinutes",
  (SELECT coalesce(jsonb_object_agg(category, n), '{}') FROM (SELECT category, count(*)::int AS n FROM open GROUP BY 1) c) AS "byCategory",
  (SELECT coalesce(jsonb_object_agg(grade, n), '{}') FROM (SELECT grade, count(*)::int AS n FROM open GROUP BY 1) g) AS "byGrade",
  (SELECT jsonb_agg(coalesce(n, 0) ORDER BY h) FROM generate_series(0, 23) h
     LEFT JOIN (SELECT floor(extract(epoch FROM now() - reported_at) / 3600)::int AS ago, count(*)::int AS n
                FROM incidents WHERE reported_at > now() - interval '24 hours' GROUP BY 1) x ON x.ago = 23 - h) AS "trend24h",
  (SELECT jsonb_agg(jsonb_build_object('day', to_char(d, 'YYYY-MM-DD'), 'reported', coalesce(r.n, 0), 'closed', coalesce(c.n, 0)) ORDER BY d)
     FROM generate_series((SELECT t FROM day0) AT TIME ZONE $1 - interval '29 days', (SELECT t FROM day0) AT TIME ZONE $1, interval '1 day') d
     LEFT JOIN (SELECT date_trunc('day', reported_at AT TIME ZONE $1) AS day, count(*)::int AS n FROM incidents
                WHERE reported_at >= (SELECT t FROM day0) - interval '29 days' GROUP BY 1) r ON r.day = d
     LEFT JOIN (SELECT date_trunc('day', closed_at AT TIME ZONE $1) AS day, count(*)::int AS n FROM incidents
                WHERE closed_at >= (SELECT t FROM day0) - interval '29 days' GROUP BY 1) c ON c.day = d) AS "trend30d",
  (SELECT coalesce(jsonb_agg(t ORDER BY t.open DESC, t.overdue DESC, t.id), '[]') FROM (
     SELECT g.id, g.code, g.name, o.open, o.overdue
     FROM (SELECT grid_id, count(*)::int AS open, count(*) FILTER (WHERE overdue)::int AS overdue
           FROM open WHERE grid_id IS NOT NULL GROUP BY grid_id ORDER BY 2 DESC, 3 DESC, 1 LIMIT 10) o
     JOIN grids g ON g.id = o.grid_id) t) AS "topGrids";
