-- Cameras $1 (ids) as the registry shows them, with their area and the ground they see.
SELECT c.id, c.code, c.kind, c.status, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       c.bearing_deg, c.fov_deg, c.range_m, c.height_m, to_char(c.installed_at, 'YYYY-MM-DD') AS installed_at,
       c.grid_id, g.community_id, so.district_id, c.version, c.updated_at, c.updated_by, v.area_m2 AS view_m2
FROM cameras c
LEFT JOIN grids g ON g.id = c.grid_id
LEFT JOIN communities cm ON cm.id = g.community_id
LEFT JOIN street_offices so ON so.id = cm.street_office_id
LEFT JOIN camera_coverage v ON v.camera_id = c.id
WHERE c.id = ANY($1::bigint[])
ORDER BY c.id
