-- How a camera's view is built, in one place, for every caller: the full recompute, a single
-- camera's update, what-if plans and placement suggestions (server/src/sql/coverage/*.sql).
--
-- 1. The sector: a unit shape (apex at the origin, radius 1, facing north; 10° arc steps, the
--    polygon inscribed in the arc) per distinct field of view, rotated to the bearing, scaled
--    to the range and moved to the camera with one affine transform. A PTZ camera sweeps: its
--    sector is the full circle whatever its field of view.
-- 2. Occlusion: every building that the sector reaches casts a shadow away from the camera, and
--    the view is the sector minus the shadows. The camera stands h_c above the ground and a
--    building of n floors is h_b = n × floor height tall. A ground point at distance D behind a
--    building point at distance d is hidden while the sight line is below the roof:
--    h_c (1 − d/D) < h_b, i.e. D < d · h_c / (h_c − h_b). So the shadow is the building scaled
--    about the camera by s = h_c / (h_c − h_b) — or to beyond the range when h_b ≥ h_c — and
--    for a convex footprint the hidden ground is exactly the convex hull of the footprint and
--    its scaled copy. The footprint itself is hidden too. A camera standing inside or on a
--    footprint (mounted on it) is not blocked by that building.

-- One camera as the view builder takes it (position in WGS 84).
CREATE TYPE coverage_camera AS (
  id           bigint,
  lon          double precision,
  lat          double precision,
  bearing_deg  double precision,
  fov_deg      double precision,
  range_m      double precision,
  height_m     double precision,
  ptz          boolean
);

-- The unit sector for a field of view (degrees; 360 = full circle), apex at (0,0), facing +y.
CREATE FUNCTION coverage_unit_view(fov double precision) RETURNS geometry
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

-- How far a building's shadow reaches, as a factor about the camera: a building of `floors`
-- at distance d (> 0) from a camera `height_m` high whose view reaches `reach` (same units as d).
CREATE FUNCTION coverage_shadow_scale(d double precision, floors integer, height_m double precision,
                                      reach double precision, floor_height_m double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN height_m > floors * floor_height_m
              THEN least(height_m / (height_m - floors * floor_height_m), 1.05 * reach / d)
              ELSE 1.05 * reach / d END
$$;

-- The ground a building hides from a camera at `cam` (3857), given the scale factor above.
CREATE FUNCTION coverage_shadow(building geometry, cam geometry, s double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_ConvexHull(ST_Collect(building, ST_Affine(building, s, 0, 0, s, ST_X(cam) * (1 - s), ST_Y(cam) * (1 - s))))
$$;

-- Folds shadows out of a sector: coverage_subtract(shadow, sector) over a camera's shadows.
CREATE FUNCTION coverage_subtract_step(state geometry, shadow geometry, base geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN shadow IS NULL THEN coalesce(state, base) ELSE ST_Difference(coalesce(state, base), shadow) END
$$;
CREATE AGGREGATE coverage_subtract(geometry, geometry) (
  SFUNC = coverage_subtract_step,
  STYPE = geometry,
  PARALLEL = SAFE
);

-- The views of a set of cameras: (id, view, sector, lat), view and sector MultiPolygon in 3857,
-- lat the camera's latitude (areas scale back to m² by cos²(lat)). Status is the caller's
-- business (a faulty camera covers nothing, but "why does it miss" still wants its sector).
CREATE FUNCTION coverage_views(cams coverage_camera[], floor_height_m double precision)
RETURNS TABLE (camera_id bigint, geom geometry, sector geometry, lat double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH c AS MATERIALIZED (
    SELECT c.id, c.lat,
           ST_Transform(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), 3857) AS p,
           c.range_m / cos(radians(c.lat)) AS reach,
           c.height_m,
           CASE WHEN c.ptz OR c.fov_deg >= 360 THEN 360 ELSE c.fov_deg END AS fov,
           radians(c.bearing_deg) AS t
    FROM unnest(cams) c
  ), u AS MATERIALIZED (
    SELECT f.fov, coverage_unit_view(f.fov) AS unit FROM (SELECT DISTINCT fov FROM c) f
  ), s AS MATERIALIZED (
    SELECT c.id, c.lat, c.p, c.reach, c.height_m,
           ST_SetSRID(ST_Affine(u.unit, c.reach * cos(c.t), c.reach * sin(c.t), -c.reach * sin(c.t), c.reach * cos(c.t),
                                ST_X(c.p), ST_Y(c.p)), 3857) AS sector
    FROM c JOIN u USING (fov)
  )
  SELECT s.id,
         ST_Multi(ST_CollectionExtract(coalesce(v.g, s.sector), 3)),
         ST_Multi(s.sector),
         s.lat
  FROM s
  LEFT JOIN LATERAL (
    SELECT coverage_subtract(coverage_shadow(b.geom_3857, s.p, f.k), s.sector) AS g
    FROM buildings b
    CROSS JOIN LATERAL (SELECT ST_Distance(b.geom_3857, s.p) AS d) d
    CROSS JOIN LATERAL (SELECT coverage_shadow_scale(d.d, b.floors, s.height_m, s.reach, floor_height_m) AS k) f
    WHERE b.geom_3857 && s.sector AND ST_Intersects(b.geom_3857, s.sector) AND d.d > 0
  ) v ON true
$$;
