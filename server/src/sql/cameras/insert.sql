-- Inserts cameras given as parallel arrays; a NULL code becomes CAM-<id>. Returns the ids in
-- input order. $1 codes, $2 kinds, $3 statuses, $4 bearings, $5 fovs, $6 ranges, $7 heights,
-- $8 installation dates, $9 lons, $10 lats, $11 grid ids, $12 actor.
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
                       $8::date[], $9::float8[], $10::float8[], $11::int[])
    WITH ORDINALITY AS t (code, kind, status, bearing_deg, fov_deg, range_m, height_m, installed_at, lon, lat, grid_id, i)
), numbered AS (
  SELECT input.*, nextval(pg_get_serial_sequence('cameras', 'id')) AS id FROM input ORDER BY i
)
INSERT INTO cameras (id, code, kind, status, bearing_deg, fov_deg, range_m, height_m, installed_at, grid_id, geom, updated_by)
SELECT id, coalesce(code, 'CAM-' || lpad(id::text, 6, '0')), kind, status, bearing_deg, fov_deg, range_m, height_m, installed_at,
       grid_id, ST_SetSRID(ST_MakePoint(lon, lat), 4326), $12
FROM numbered ORDER BY i
RETURNING id
