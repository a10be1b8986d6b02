-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 013_coverage_functions.
-- How far a building's shadow reaches, as a factor about the camera: a building of `floors`
-- at distance d (> 0) from a camera `height_m` high whose view reaches `reach` (same units as d).
CREATE OR REPLACE FUNCTION coverage_shadow_scale(d double precision, floors integer, height_m double precision,
                                      reach double precision, floor_height_m double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN height_m > floors * floor_height_m
              THEN least(height_m / (height_m - floors * floor_height_m), 1.05 * reach / d)
              ELSE 1.05 * reach / d END
$$;
