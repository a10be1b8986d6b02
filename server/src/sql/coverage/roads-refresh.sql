-- Road coverage for the roads $1 (ids): the length in some working camera's view and the rest.
-- Each view cuts the road into pieces; the pieces are turned into intervals along the road
-- (fractions of its length) and merged, so overlapping views count once. (A union of the
-- pieces would not: pieces cut by different views are collinear only to rounding.) Web
-- Mercator lengths are scaled to metres by cos(latitude) at the road.
WITH r AS (
  SELECT x.id, x.class IN ('arterial', 'secondary') AS main, x.geom_3857 AS g, cos(radians(ST_Y(ST_Centroid(x.geom)))) AS k
  FROM roads x WHERE x.id = ANY($1::int[])
), iv AS (
  SELECT r.id, least(ab.a, ab.b) AS f0, greatest(ab.a, ab.b) AS f1
  FROM r JOIN camera_coverage v ON v.geom && r.g AND ST_Intersects(v.geom, r.g)
  CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Intersection(r.g, v.geom), 2)) d
  CROSS JOIN LATERAL (SELECT ST_LineLocatePoint(r.g, ST_StartPoint(d.geom)) AS a, ST_LineLocatePoint(r.g, ST_EndPoint(d.geom)) AS b) ab
), ordered AS (
  SELECT id, f0, f1, max(f1) OVER (PARTITION BY id ORDER BY f0, f1 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM iv WHERE f1 > f0
), islands AS (
  SELECT id, f0, f1, count(*) FILTER (WHERE reach IS NULL OR f0 > reach) OVER (PARTITION BY id ORDER BY f0, f1) AS island
  FROM ordered
), merged AS (
  SELECT id, min(f0) AS f0, max(f1) AS f1 FROM islands GROUP BY id, island
), gaps AS (
  SELECT id, lag(f1, 1, 0::float8) OVER (PARTITION BY id ORDER BY f0) AS g0, f0 AS g1 FROM merged
  UNION ALL
  SELECT id, max(f1), 1 FROM merged GROUP BY id
), seen AS (
  SELECT m.id, sum(m.f1 - m.f0) AS frac FROM merged m GROUP BY m.id
), unseen AS (
  SELECT g.id, ST_Multi(ST_Collect(ST_LineSubstring(r.g, g.g0, g.g1) ORDER BY g.g0)) AS geom
  FROM gaps g JOIN r USING (id) WHERE g.g1 - g.g0 > 1e-9 GROUP BY g.id
)
INSERT INTO road_coverage AS rc (road_id, main, length_m, covered_m, uncovered, computed_at)
SELECT r.id, r.main, ST_Length(r.g) * r.k, least(1, coalesce(s.frac, 0)) * ST_Length(r.g) * r.k,
       CASE WHEN s.id IS NULL THEN ST_Multi(r.g) ELSE coalesce(u.geom, 'SRID=3857;MULTILINESTRING EMPTY'::geometry) END,
       now()
FROM r LEFT JOIN seen s USING (id) LEFT JOIN unseen u USING (id)
ON CONFLICT (road_id) DO UPDATE SET main = EXCLUDED.main, length_m = EXCLUDED.length_m, covered_m = EXCLUDED.covered_m,
  uncovered = EXCLUDED.uncovered, computed_at = EXCLUDED.computed_at
