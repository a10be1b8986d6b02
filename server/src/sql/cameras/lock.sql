-- Locks camera $1 for an edit and returns its current fields.
SELECT c.id, c.code, c.kind, c.status, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       c.bearing_deg, c.fov_deg, c.range_m, c.height_m, to_char(c.installed_at, 'YYYY-MM-DD') AS installed_at,
       c.grid_id, c.version
FROM cameras c WHERE c.id = $1 FOR UPDATE
