-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 013_coverage_functions.
-- Folds shadows out of a sector: coverage_subtract(shadow, sector) over a camera's shadows.
CREATE OR REPLACE FUNCTION coverage_subtract_step(state geometry, shadow geometry, base geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN shadow IS NULL THEN coalesce(state, base) ELSE ST_Difference(coalesce(state, base), shadow) END
$$;
