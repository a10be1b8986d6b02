-- The whole city's sums: area from the grids (which tile the city), roads and watched points
-- counted once each, cameras by status; key places by kind.
SELECT a.*, r.*, p.*, c.*, k.by_kind
FROM (SELECT coalesce(sum(area_m2), 0) AS area_m2, coalesce(sum(covered_m2), 0) AS covered_m2, max(computed_at) AS computed_at FROM grid_coverage) a,
     (SELECT coalesce(sum(length_m), 0) AS road_m, coalesce(sum(covered_m), 0) AS road_covered_m,
             coalesce(sum(length_m) FILTER (WHERE main), 0) AS main_road_m, coalesce(sum(covered_m) FILTER (WHERE main), 0) AS main_road_covered_m
      FROM road_coverage) r,
     (SELECT count(*) FILTER (WHERE key_place_id IS NOT NULL) AS keyplaces,
             count(*) FILTER (WHERE key_place_id IS NOT NULL AND covered) AS keyplaces_covered,
             count(*) FILTER (WHERE road_id IS NOT NULL) AS intersections,
             count(*) FILTER (WHERE road_id IS NOT NULL AND covered) AS intersections_covered,
             count(*) FILTER (WHERE road_id IS NOT NULL AND main) AS main_intersections,
             count(*) FILTER (WHERE road_id IS NOT NULL AND main AND covered) AS main_intersections_covered
      FROM coverage_points) p,
     (SELECT count(*) AS cameras, count(*) FILTER (WHERE status = 'working') AS cameras_working FROM cameras) c,
     (SELECT coalesce(json_object_agg(kind, json_build_object('total', n, 'covered', m)), '{}'::json) AS by_kind
      FROM (SELECT kind, count(*) AS n, count(*) FILTER (WHERE covered) AS m FROM coverage_points WHERE key_place_id IS NOT NULL GROUP BY kind) x) k
