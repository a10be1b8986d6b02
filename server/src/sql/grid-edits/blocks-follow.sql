-- After the re-assignment: a block left with no grid, or whose representative point its grid no
-- longer holds, is put in the grid of the community that holds most of its area. $1 community id.
UPDATE blocks b SET grid_id = x.gid
FROM (
  SELECT b2.id, (SELECT g.id FROM grids g WHERE g.community_id = $1 AND g.geom && b2.geom
                 ORDER BY gb_area_m2(ST_Intersection(g.geom, b2.geom)) DESC, g.id LIMIT 1) AS gid
  FROM blocks b2
  WHERE b2.community_id = $1
    AND (b2.grid_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM grids g WHERE g.id = b2.grid_id AND ST_Intersects(g.geom, ST_PointOnSurface(b2.geom))))
) x
WHERE x.id = b.id AND x.gid IS NOT NULL AND x.gid IS DISTINCT FROM b.grid_id
