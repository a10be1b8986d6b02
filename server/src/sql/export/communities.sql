-- Communities with their street office's code (the importer finds the parent by it).
SELECT c.id, c.code, c.name, c.name_zh, c.kind, s.code AS street_office_code, ST_ForcePolygonCCW(c.geom) AS geom
FROM communities c
LEFT JOIN street_offices s ON s.id = c.street_office_id
