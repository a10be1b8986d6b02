-- The views of the candidate cameras (at $1 lons, $2 lats facing $3 bearings; all with field of
-- view $4, range $5, height $6, ptz $7) into a transaction-local table, indexed by the caller,
-- for the hits query; a candidate's id is its index from 0. $8 floor height (m).
CREATE TEMP TABLE suggest_views ON COMMIT DROP AS
SELECT camera_id AS cand, geom FROM coverage_views(ARRAY(
  SELECT ROW(t.i - 1, t.lon, t.lat, t.bearing, $4::float8, $5::float8, $6::float8, $7::boolean)::coverage_camera
  FROM unnest($1::float8[], $2::float8[], $3::float8[]) WITH ORDINALITY AS t (lon, lat, bearing, i)), $8::float8)
