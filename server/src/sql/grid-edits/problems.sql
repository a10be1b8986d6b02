-- What breaks the exact tiling of a community (no rows = all invariants hold). $1 community id.
-- Tolerance: 1 m², or one millionth of the community's area when that is larger — GEOS overlays
-- of large rural polygons can fall back to snap-rounding and move an edge by a hair, and the
-- area of a hair grows with the polygon (5.5 m² for a 5.5 km² village grid).
SELECT grid_id, code, problem
FROM gb_tiling_problems($1, greatest(1.0, 1e-6 * (SELECT gb_area_m2(geom) FROM communities WHERE id = $1)))
