-- Cameras (points); installed_at as YYYY-MM-DD text, the form every format carries unchanged.
SELECT c.id, c.code, c.name, c.kind, c.status, c.height_m, c.bearing_deg, c.fov_deg, c.range_m,
       to_char(c.installed_at, 'YYYY-MM-DD') AS installed_at, c.geom
FROM cameras c
