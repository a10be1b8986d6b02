-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 013_coverage_functions.
-- The ground a building hides from a camera at `cam` (3857), given the scale factor above.
CREATE OR REPLACE FUNCTION coverage_shadow(building geometry, cam geometry, s double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_ConvexHull(ST_Collect(building, ST_Affine(building, s, 0, 0, s, ST_X(cam) * (1 - s), ST_Y(cam) * (1 - s))))
$$;
