-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 018_grid_edits.
-- What is wrong with a community's tiling, as rows (empty = all invariants hold):
-- every grid valid, non-empty, single-part unless allowed; no two grids overlapping by more than
-- `tol_m2`; their union equal to the community within `tol_m2` (gap and outside area).
CREATE OR REPLACE FUNCTION gb_tiling_problems(p_community integer, tol_m2 double precision DEFAULT 1.0)
RETURNS TABLE (grid_id integer, code text, problem text) LANGUAGE sql STABLE AS $$
  WITH cg AS (SELECT g.id, g.code, g.geom, g.allow_multipart FROM grids g WHERE g.community_id = p_community),
  c AS (SELECT geom FROM communities WHERE id = p_community)
  SELECT id, code, 'invalid geometry: ' || ST_IsValidReason(geom) FROM cg WHERE NOT ST_IsValid(geom)
  UNION ALL
  SELECT id, code, 'empty' FROM cg WHERE ST_IsEmpty(geom) OR gb_area_m2(geom) < tol_m2
  UNION ALL
  SELECT id, code, 'in ' || ST_NumGeometries(geom) || ' separate parts (not contiguous)' FROM cg
  WHERE NOT allow_multipart AND ST_NumGeometries(geom) > 1
  UNION ALL
  SELECT a.id, a.code, 'overlaps ' || b.code || ' by ' || round(o.m2::numeric, 1) || ' m²'
  FROM cg a JOIN cg b ON a.id < b.id AND a.geom && b.geom
  CROSS JOIN LATERAL (SELECT gb_area_m2(ST_Intersection(a.geom, b.geom)) AS m2) o
  WHERE ST_Relate(a.geom, b.geom, '2********') AND o.m2 > tol_m2
  UNION ALL
  SELECT NULL::int, NULL::text, x.problem
  FROM (SELECT u.geom AS u FROM (SELECT ST_Union(geom) AS geom FROM cg) u) uu, c
  CROSS JOIN LATERAL (
    SELECT 'leaves ' || round(gb_area_m2(ST_Difference(c.geom, uu.u))::numeric, 1) || ' m² of the community without a grid' AS problem
    WHERE uu.u IS NULL OR gb_area_m2(ST_Difference(c.geom, uu.u)) > tol_m2
    UNION ALL
    SELECT 'reaches ' || round(gb_area_m2(ST_Difference(uu.u, c.geom))::numeric, 1) || ' m² outside the community'
    WHERE uu.u IS NOT NULL AND gb_area_m2(ST_Difference(uu.u, c.geom)) > tol_m2
  ) x
$$;
