-- A unit's fixes of one day in the city's time zone, in time order, and the line's length.
-- $1 unit id, $2 day (YYYY-MM-DD), $3 time zone (the same day bounds as the patrol assessment).
WITH span AS (
  SELECT ($2::date::timestamp AT TIME ZONE $3) AS t0, (($2::date + 1)::timestamp AT TIME ZONE $3) AS t1
),
day AS (
  SELECT f.t, f.geom FROM patrol_fixes f, span
  WHERE f.unit_id = $1 AND f.t >= span.t0 AND f.t < span.t1
)
SELECT coalesce(json_agg(json_build_array(ST_X(geom), ST_Y(geom), (extract(epoch FROM t) * 1000)::bigint) ORDER BY t), '[]'::json) AS points,
       coalesce(ST_Length(ST_MakeLine(geom ORDER BY t)::geography), 0)::float8 AS length_m
FROM day
