-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 013_coverage_functions.
-- The unit sector for a field of view (degrees; 360 = full circle), apex at (0,0), facing +y.
CREATE OR REPLACE FUNCTION coverage_unit_view(fov double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN fov >= 360 THEN
    ST_MakePolygon(ST_MakeLine(
      ARRAY(SELECT ST_MakePoint(sin(radians(a)), cos(radians(a))) FROM generate_series(0, 350, 10) a)
      || ST_MakePoint(0, 1)))
  ELSE
    ST_MakePolygon(ST_MakeLine(
      ST_MakePoint(0, 0)
      || ARRAY(SELECT ST_MakePoint(sin(radians(fov * (i::float8 / k.n - 0.5))), cos(radians(fov * (i::float8 / k.n - 0.5))))
               FROM (SELECT greatest(2, ceil(fov / 10))::int AS n) k, generate_series(0, k.n) i)
      || ST_MakePoint(0, 0)))
  END
$$;
