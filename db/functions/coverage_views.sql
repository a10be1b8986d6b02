-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 013_coverage_functions.
-- The views of a set of cameras: (id, view, sector, lat), view and sector MultiPolygon in 3857,
-- lat the camera's latitude (areas scale back to m² by cos²(lat)). Status is the caller's
-- business (a faulty camera covers nothing, but "why does it miss" still wants its sector).
CREATE OR REPLACE FUNCTION coverage_views(cams coverage_camera[], floor_height_m double precision)
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
