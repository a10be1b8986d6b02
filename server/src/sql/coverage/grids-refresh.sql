-- The measures of grids $1 (ids), from the views, road coverage and watched points. A road
-- belongs to the grids its midpoint lies in or on (a boundary road to both sides), a point to
-- the grids it lies in or on; 0.01 (3857 units, ~1 cm) absorbs rounding on shared boundaries.
WITH g AS (
  SELECT x.id, x.geom_3857 AS geom, cos(radians(ST_Y(ST_Centroid(x.geom)))) AS k FROM grids x WHERE x.id = ANY($1::int[])
), v AS (
  -- Views meeting each grid, in clusters of views that touch or overlap: clusters are apart
  -- from each other, so only views within a cluster need a union (much cheaper than one union
  -- of all the grid's views), and the clusters' parts together are a valid MultiPolygon.
  SELECT g.id, v.geom, ST_ClusterDBSCAN(v.geom, 0, 1) OVER (PARTITION BY g.id) AS cid
  FROM g JOIN camera_coverage v ON v.geom && g.geom AND ST_Intersects(v.geom, g.geom)
), parts AS (
  SELECT v.id, CASE WHEN count(*) = 1 THEN (array_agg(v.geom))[1] ELSE ST_Union(v.geom) END AS u
  FROM v GROUP BY v.id, v.cid
), seen AS (
  SELECT p.id, ST_Multi(ST_CollectionExtract(ST_Collect(
           CASE WHEN ST_Covers(g.geom, p.u) THEN p.u ELSE ST_Intersection(g.geom, p.u) END), 3)) AS covered
  FROM parts p JOIN g USING (id)
  GROUP BY p.id
), rd AS (
  SELECT g.id, sum(rc.length_m) AS road_m, sum(rc.covered_m) AS road_covered_m,
         coalesce(sum(rc.length_m) FILTER (WHERE rc.main), 0) AS main_road_m,
         coalesce(sum(rc.covered_m) FILTER (WHERE rc.main), 0) AS main_road_covered_m
  FROM g JOIN roads r ON r.geom_3857 && g.geom AND ST_DWithin(ST_LineInterpolatePoint(r.geom_3857, 0.5), g.geom, 0.01)
  JOIN road_coverage rc ON rc.road_id = r.id
  GROUP BY g.id
), pt AS (
  SELECT g.id,
         count(*) FILTER (WHERE p.key_place_id IS NOT NULL) AS keyplaces,
         count(*) FILTER (WHERE p.key_place_id IS NOT NULL AND p.covered) AS keyplaces_covered,
         count(*) FILTER (WHERE p.road_id IS NOT NULL) AS intersections,
         count(*) FILTER (WHERE p.road_id IS NOT NULL AND p.covered) AS intersections_covered,
         count(*) FILTER (WHERE p.road_id IS NOT NULL AND p.main) AS main_intersections,
         count(*) FILTER (WHERE p.road_id IS NOT NULL AND p.main AND p.covered) AS main_intersections_covered
  FROM g JOIN coverage_points p ON ST_DWithin(p.geom_3857, g.geom, 0.01)
  GROUP BY g.id
), cam AS (
  SELECT g.id, count(c.id) AS cameras, count(c.id) FILTER (WHERE c.status = 'working') AS cameras_working
  FROM g LEFT JOIN cameras c ON c.grid_id = g.id
  GROUP BY g.id
)
INSERT INTO grid_coverage AS gc (grid_id, area_m2, covered_m2, road_m, road_covered_m, main_road_m, main_road_covered_m,
  keyplaces, keyplaces_covered, intersections, intersections_covered, main_intersections, main_intersections_covered,
  cameras, cameras_working, covered, computed_at)
SELECT g.id, ST_Area(g.geom) * g.k ^ 2, least(ST_Area(g.geom), coalesce(ST_Area(s.covered), 0)) * g.k ^ 2,
  coalesce(rd.road_m, 0), coalesce(rd.road_covered_m, 0), coalesce(rd.main_road_m, 0), coalesce(rd.main_road_covered_m, 0),
  coalesce(pt.keyplaces, 0), coalesce(pt.keyplaces_covered, 0), coalesce(pt.intersections, 0), coalesce(pt.intersections_covered, 0),
  coalesce(pt.main_intersections, 0), coalesce(pt.main_intersections_covered, 0),
  cam.cameras, cam.cameras_working,
  coalesce(s.covered, 'SRID=3857;MULTIPOLYGON EMPTY'::geometry), now()
FROM g
LEFT JOIN seen s USING (id) LEFT JOIN rd USING (id) LEFT JOIN pt USING (id) LEFT JOIN cam USING (id)
ON CONFLICT (grid_id) DO UPDATE SET area_m2 = EXCLUDED.area_m2, covered_m2 = EXCLUDED.covered_m2,
  road_m = EXCLUDED.road_m, road_covered_m = EXCLUDED.road_covered_m, main_road_m = EXCLUDED.main_road_m,
  main_road_covered_m = EXCLUDED.main_road_covered_m, keyplaces = EXCLUDED.keyplaces, keyplaces_covered = EXCLUDED.keyplaces_covered,
  intersections = EXCLUDED.intersections, intersections_covered = EXCLUDED.intersections_covered,
  main_intersections = EXCLUDED.main_intersections, main_intersections_covered = EXCLUDED.main_intersections_covered,
  cameras = EXCLUDED.cameras, cameras_working = EXCLUDED.cameras_working, covered = EXCLUDED.covered, computed_at = EXCLUDED.computed_at
RETURNING grid_id
