-- One community's sums ($1): area from its grids, roads whose midpoint lies in or on it, watched
-- points in or on it (each once), cameras in its grids; key places by kind. No row: no such community.
WITH cm AS (
  SELECT c.id, ST_Transform(c.geom, 3857) AS g FROM communities c WHERE c.id = $1
)
SELECT a.*, r.*, p.*, c.*, k.by_kind
FROM cm,
  LATERAL (SELECT coalesce(sum(gc.area_m2), 0) AS area_m2, coalesce(sum(gc.covered_m2), 0) AS covered_m2, max(gc.computed_at) AS computed_at
           FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id WHERE g.community_id = cm.id) a,
  LATERAL (SELECT coalesce(sum(rc.length_m), 0) AS road_m, coalesce(sum(rc.covered_m), 0) AS road_covered_m,
                  coalesce(sum(rc.length_m) FILTER (WHERE rc.main), 0) AS main_road_m,
                  coalesce(sum(rc.covered_m) FILTER (WHERE rc.main), 0) AS main_road_covered_m
           FROM roads x JOIN road_coverage rc ON rc.road_id = x.id
           WHERE x.geom_3857 && cm.g AND ST_DWithin(ST_LineInterpolatePoint(x.geom_3857, 0.5), cm.g, 0.01)) r,
  LATERAL (SELECT count(*) FILTER (WHERE key_place_id IS NOT NULL) AS keyplaces,
                  count(*) FILTER (WHERE key_place_id IS NOT NULL AND covered) AS keyplaces_covered,
                  count(*) FILTER (WHERE road_id IS NOT NULL) AS intersections,
                  count(*) FILTER (WHERE road_id IS NOT NULL AND covered) AS intersections_covered,
                  count(*) FILTER (WHERE road_id IS NOT NULL AND main) AS main_intersections,
                  count(*) FILTER (WHERE road_id IS NOT NULL AND main AND covered) AS main_intersections_covered
           FROM coverage_points pt WHERE ST_DWithin(pt.geom_3857, cm.g, 0.01)) p,
  LATERAL (SELECT count(*) AS cameras, count(*) FILTER (WHERE x.status = 'working') AS cameras_working
           FROM cameras x JOIN grids g ON g.id = x.grid_id WHERE g.community_id = cm.id) c,
  LATERAL (SELECT coalesce(json_object_agg(kind, json_build_object('total', n, 'covered', m)), '{}'::json) AS by_kind
           FROM (SELECT pt.kind, count(*) AS n, count(*) FILTER (WHERE pt.covered) AS m FROM coverage_points pt
                 WHERE pt.key_place_id IS NOT NULL AND ST_DWithin(pt.geom_3857, cm.g, 0.01) GROUP BY pt.kind) x) k
