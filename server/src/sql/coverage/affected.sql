-- What a change of views over the region $1 (3857, any collection of the old and new views;
-- NULL = none) can affect: the roads and watched points it meets (intersections: within $3, in
-- 3857 units, of it), and the grids those belong to or it meets. $2: grids to include whatever
-- the region (where a changed camera stood before and stands now). The region is taken part by
-- part: views overlap, so their collection is not one valid geometry.
WITH r AS (
  SELECT d.geom AS g FROM ST_Dump($1::geometry) d
), rd AS (
  SELECT DISTINCT x.id, ST_LineInterpolatePoint(x.geom_3857, 0.5) AS mid
  FROM roads x JOIN r ON x.geom_3857 && r.g AND ST_Intersects(x.geom_3857, r.g)
), pt AS (
  SELECT p.id, p.geom_3857 FROM coverage_points p WHERE p.id = ANY (ARRAY(
    SELECT p.id FROM coverage_points p JOIN r ON p.zone && r.g AND ST_Intersects(p.zone, r.g) WHERE p.zone IS NOT NULL
    UNION
    SELECT p.id FROM coverage_points p JOIN r ON ST_DWithin(p.geom_3857, r.g, $3::float8) WHERE p.zone IS NULL))
), gr AS (
  SELECT x.id FROM grids x JOIN r ON x.geom_3857 && r.g AND ST_Intersects(x.geom_3857, r.g)
  UNION SELECT x.id FROM rd JOIN grids x ON ST_DWithin(rd.mid, x.geom_3857, 0.01)
  UNION SELECT x.id FROM pt JOIN grids x ON ST_DWithin(pt.geom_3857, x.geom_3857, 0.01)
  UNION SELECT unnest($2::int[])
)
SELECT ARRAY(SELECT id FROM rd ORDER BY id) AS roads,
       ARRAY(SELECT id FROM pt ORDER BY id) AS points,
       ARRAY(SELECT id FROM gr WHERE id IS NOT NULL ORDER BY id) AS grids
