-- Records one uploaded photo; the same uploader sending the same bytes again gets the row they
-- already have (no row back here: the caller then reads it with media/by-uploader).
-- $1 sha256, $2 mime, $3 bytes, $4 width, $5 height, $6 taken_at, $7 lon, $8 lat, $9 device, $10 uploaded_by
INSERT INTO media (sha256, mime, bytes, width, height, taken_at, lon, lat, device, uploaded_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (uploaded_by, sha256) DO NOTHING
RETURNING *;
