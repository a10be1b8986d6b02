-- Street offices with their district's code (the importer finds the parent by it).
SELECT s.id, s.code, s.name, s.name_zh, d.code AS district_code, ST_ForcePolygonCCW(s.geom) AS geom
FROM street_offices s
LEFT JOIN districts d ON d.id = s.district_id
