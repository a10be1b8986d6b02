-- Whether the watched points $1 (ids) are in view. A key place is covered when at least $2 of
-- its zone is in some working camera's view; an intersection when some view reaches its
-- crossing: the ground within $3 m of its centre.
WITH p AS (
  SELECT id, zone, geom_3857, $3::float8 / cos(radians(ST_Y(geom))) AS reach FROM coverage_points WHERE id = ANY($1::int[])
), s AS (
  SELECT p.id,
    CASE WHEN p.zone IS NULL THEN
      CASE WHEN EXISTS (SELECT 1 FROM camera_coverage v WHERE ST_DWithin(v.geom, p.geom_3857, p.reach)) THEN 1 ELSE 0 END
    ELSE
      coalesce((SELECT ST_Area(ST_Intersection(p.zone, ST_Union(v.geom))) FROM camera_coverage v
                WHERE v.geom && p.zone AND ST_Intersects(v.geom, p.zone)), 0) / nullif(ST_Area(p.zone), 0)
    END AS share
  FROM p
)
UPDATE coverage_points c
SET seen_share = least(1, coalesce(s.share, 0)),
    covered = coalesce(s.share, 0) >= CASE WHEN c.zone IS NULL THEN 1 ELSE $2::float8 END,
    computed_at = now()
FROM s WHERE c.id = s.id
