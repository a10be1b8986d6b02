-- Grids ranked worst first by $1 (score | area | road | keyplace | intersection), optionally
-- within community $2; at most $3. Grids with nothing to measure for the key come last.
SELECT gc.*, g.code, g.name, g.community_id,
       ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id
WHERE ($2::int IS NULL OR g.community_id = $2)
ORDER BY CASE $1::text
  WHEN 'area' THEN gc.area_share
  WHEN 'road' THEN gc.road_share
  WHEN 'keyplace' THEN gc.keyplace_share
  WHEN 'intersection' THEN gc.intersection_share
  ELSE (coalesce(gc.area_share, 0) + coalesce(gc.road_share, 0) + coalesce(gc.keyplace_share, 0) + coalesce(gc.intersection_share, 0))
       / nullif((gc.area_share IS NOT NULL)::int + (gc.road_share IS NOT NULL)::int + (gc.keyplace_share IS NOT NULL)::int
                + (gc.intersection_share IS NOT NULL)::int, 0)
  END ASC NULLS LAST, gc.grid_id
LIMIT $3
