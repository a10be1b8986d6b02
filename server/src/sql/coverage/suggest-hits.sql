-- What each candidate camera (their views in suggest_views) would add in the area $1 (3857):
-- the uncovered targets it would see. Targets: uncovered intersections (seen when the
-- view comes within $2 m), samples every ~$3 m along uncovered road, and a lattice of samples
-- every ~$4 m over the zone of each uncovered key place (marked `done` where a camera already
-- sees it). Returns the targets and the (candidate, target) hits as JSON.
WITH sc AS (
  SELECT $1::geometry AS g, cos(radians(ST_Y(ST_Transform(ST_Centroid($1::geometry), 4326)))) AS k
), t_int AS (
  SELECT 'intersection' AS type, p.main, 0::float8 AS length_m, NULL::int AS grp, false AS done, p.geom_3857 AS g
  FROM coverage_points p, sc
  WHERE p.road_id IS NOT NULL AND NOT p.covered AND ST_DWithin(p.geom_3857, sc.g, 0.01)
), parts AS (
  SELECT rc.main, d.geom AS g, ST_Length(d.geom) * sc.k AS len_m
  FROM road_coverage rc JOIN roads x ON x.id = rc.road_id, sc, LATERAL ST_Dump(rc.uncovered) d
  WHERE rc.covered_m < rc.length_m - 0.5 AND x.geom_3857 && sc.g
    AND ST_DWithin(ST_LineInterpolatePoint(x.geom_3857, 0.5), sc.g, 0.01)
), t_road AS (
  SELECT 'road' AS type, parts.main, parts.len_m / n.n AS length_m, NULL::int AS grp, false AS done,
         ST_LineInterpolatePoint(parts.g, (i - 0.5) / n.n) AS g
  FROM parts CROSS JOIN LATERAL (SELECT greatest(1, round(parts.len_m / $3::float8))::int AS n) n
  CROSS JOIN LATERAL generate_series(1, n.n) i
  WHERE parts.len_m > 0.5
), places AS (
  SELECT p.id, p.zone, $4::float8 / sc.k AS step FROM coverage_points p, sc
  WHERE p.key_place_id IS NOT NULL AND NOT p.covered AND p.zone IS NOT NULL AND NOT ST_IsEmpty(p.zone)
    AND ST_DWithin(p.geom_3857, sc.g, 0.01)
), t_kp AS (
  SELECT 'keyplace' AS type, false AS main, 0::float8 AS length_m, pl.id AS grp,
         EXISTS (SELECT 1 FROM camera_coverage c WHERE c.geom && pt.g AND ST_Intersects(c.geom, pt.g)) AS done, pt.g
  FROM places pl
  CROSS JOIN LATERAL generate_series(0, ceil((ST_XMax(pl.zone) - ST_XMin(pl.zone)) / pl.step)::int) ix
  CROSS JOIN LATERAL generate_series(0, ceil((ST_YMax(pl.zone) - ST_YMin(pl.zone)) / pl.step)::int) iy
  CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(ST_XMin(pl.zone) + (ix + 0.5) * pl.step, ST_YMin(pl.zone) + (iy + 0.5) * pl.step), 3857) AS g) pt
  WHERE ST_Intersects(pl.zone, pt.g)
), targets AS MATERIALIZED (
  SELECT row_number() OVER () - 1 AS tid, t.* FROM (
    SELECT * FROM t_int UNION ALL SELECT * FROM t_road UNION ALL SELECT * FROM t_kp) t
), hits AS (
  SELECT v.cand, t.tid FROM targets t, sc, suggest_views v
  WHERE t.type = 'intersection' AND ST_DWithin(v.geom, t.g, $2::float8 / sc.k)
  UNION ALL
  SELECT v.cand, t.tid FROM targets t JOIN suggest_views v ON v.geom && t.g AND ST_Intersects(v.geom, t.g)
  WHERE t.type <> 'intersection'
)
SELECT
  (SELECT coalesce(json_agg(json_build_array(t.type, t.main, round(t.length_m::numeric, 2), t.grp, t.done) ORDER BY t.tid), '[]') FROM targets t) AS targets,
  (SELECT coalesce(json_agg(json_build_array(h.cand, h.tid)), '[]') FROM hits h) AS hits
