-- One grid's stored sums ($1) and its key places by kind. No row: no such grid (or not computed).
SELECT gc.*, k.by_kind
FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id,
  LATERAL (SELECT coalesce(json_object_agg(kind, json_build_object('total', n, 'covered', m)), '{}'::json) AS by_kind
           FROM (SELECT pt.kind, count(*) AS n, count(*) FILTER (WHERE pt.covered) AS m FROM coverage_points pt
                 WHERE pt.key_place_id IS NOT NULL AND ST_DWithin(pt.geom_3857, g.geom_3857, 0.01) GROUP BY pt.kind) x) k
WHERE gc.grid_id = $1
