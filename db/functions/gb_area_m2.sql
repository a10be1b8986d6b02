-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 018_grid_edits.
-- Area in square metres (geodesic), the unit every tolerance below is stated in.
CREATE OR REPLACE FUNCTION gb_area_m2(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(ST_Area(g::geography), 0)
$$;
