-- Writes every field of camera $1 if it is still at version $2; bumps the version.
-- $3 code, $4 kind, $5 status, $6 bearing, $7 fov, $8 range, $9 height, $10 installed_at,
-- $11 lon, $12 lat, $13 grid id, $14 actor.
UPDATE cameras SET code = $3, kind = $4, status = $5, bearing_deg = $6, fov_deg = $7, range_m = $8, height_m = $9,
  installed_at = $10::date, geom = ST_SetSRID(ST_MakePoint($11, $12), 4326), grid_id = $13,
  version = version + 1, updated_at = now(), updated_by = $14
WHERE id = $1 AND version = $2
RETURNING id
