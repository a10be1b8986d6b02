-- Why the cameras near a point ($1 lon, $2 lat) do or do not see it: the nearest $3 cameras
-- within $4 m, each with its distance, the bearing toward the point, whether the point lies in
-- its sector and in its view (buildings taken into account; computed whatever its status), and
-- the nearest building hiding the point from it. $5 floor height (m).
WITH pt AS (
  SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) AS g, cos(radians($2)) AS k
), near AS (
  SELECT c.*, ST_Distance(c.geom_3857, pt.g) * pt.k AS distance_m,
         coalesce(degrees(ST_Azimuth(c.geom_3857, pt.g)), 0) AS toward_deg
  FROM cameras c, pt
  WHERE ST_DWithin(c.geom_3857, pt.g, $4 / pt.k)
  ORDER BY c.geom_3857 <-> pt.g
  LIMIT $3
), v AS (
  SELECT * FROM coverage_views(ARRAY(
    SELECT ROW(n.id, ST_X(n.geom), ST_Y(n.geom), n.bearing_deg, n.fov_deg, n.range_m, n.height_m, n.kind = 'ptz')::coverage_camera
    FROM near n), $5::float8)
)
SELECT n.id, n.code, n.kind, n.status, ST_X(n.geom) AS lon, ST_Y(n.geom) AS lat, n.bearing_deg, n.fov_deg, n.range_m, n.height_m,
       n.distance_m, n.toward_deg,
       ST_Intersects(v.sector, pt.g) AS in_sector,
       ST_Intersects(v.geom, pt.g) AS in_view,
       (SELECT json_build_object('building_id', b.id, 'floors', b.floors, 'use', b.use,
                                 'distance_m', round((ST_Distance(b.geom_3857, n.geom_3857) * pt.k)::numeric, 1))
        FROM buildings b
        CROSS JOIN LATERAL (SELECT ST_Distance(b.geom_3857, n.geom_3857) AS d) d
        WHERE b.geom_3857 && ST_MakeLine(n.geom_3857, pt.g) AND ST_Intersects(b.geom_3857, ST_MakeLine(n.geom_3857, pt.g))
          AND d.d > 0
          AND ST_Intersects(coverage_shadow(b.geom_3857, n.geom_3857,
                coverage_shadow_scale(d.d, b.floors, n.height_m, n.range_m / pt.k, $5::float8)), pt.g)
        ORDER BY d.d LIMIT 1) AS blocked_by
FROM near n JOIN v ON v.camera_id = n.id, pt
ORDER BY n.distance_m
