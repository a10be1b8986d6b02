-- Grids with their community's code and their worker's code (an import assigns the worker by it).
SELECT g.id, g.code, g.name, g.type, g.households, g.population, c.code AS community_code,
       w.code AS worker_code, g.allow_multipart, ST_ForcePolygonCCW(g.geom) AS geom
FROM grids g
LEFT JOIN communities c ON c.id = g.community_id
LEFT JOIN patrol_units w ON w.id = g.worker_id
