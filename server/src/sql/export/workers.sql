-- Grid workers with their grid and street office, by code. The grid is the one that names the
-- worker (grids.worker_id), as the register shows it; home_grid_id is kept equal to it.
SELECT u.id, u.code, u.name, u.phone, u.status, g.code AS grid_code, s.code AS street_office_code,
       NULL::geometry AS geom
FROM patrol_units u
LEFT JOIN street_offices s ON s.id = u.street_office_id
LEFT JOIN LATERAL (SELECT g.code FROM grids g WHERE g.worker_id = u.id ORDER BY g.id LIMIT 1) g ON true
WHERE u.kind = 'grid_worker'
