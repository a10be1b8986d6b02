-- Recomputes the views of the working cameras among $1 (ids), replacing their rows. $2 floor
-- height (m). Returns the ids given a view. (views-drop removes the others' rows first.)
WITH cams AS (
  SELECT ARRAY(
    SELECT ROW(c.id, ST_X(c.geom), ST_Y(c.geom), c.bearing_deg, c.fov_deg, c.range_m, c.height_m, c.kind = 'ptz')::coverage_camera
    FROM cameras c WHERE c.id = ANY($1::bigint[]) AND c.status = 'working') AS a
)
INSERT INTO camera_coverage (camera_id, geom, area_m2, computed_at)
SELECT v.camera_id, v.geom, ST_Area(v.geom) * cos(radians(v.lat)) ^ 2, now()
FROM cams, coverage_views(cams.a, $2::float8) v
ON CONFLICT (camera_id) DO UPDATE SET geom = EXCLUDED.geom, area_m2 = EXCLUDED.area_m2, computed_at = EXCLUDED.computed_at
RETURNING camera_id
