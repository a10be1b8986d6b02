-- The administrative tree (districts → street offices → communities) with extents, for area
-- pickers and the wall display's tour.
SELECT 'district' AS level, d.id, NULL::int AS parent_id, d.code, d.name, d.name_zh,
       ST_XMin(d.geom) AS min_lon, ST_YMin(d.geom) AS min_lat, ST_XMax(d.geom) AS max_lon, ST_YMax(d.geom) AS max_lat
FROM districts d
UNION ALL
SELECT 'street_office', s.id, s.district_id, s.code, s.name, s.name_zh,
       ST_XMin(s.geom), ST_YMin(s.geom), ST_XMax(s.geom), ST_YMax(s.geom)
FROM street_offices s
UNION ALL
SELECT 'community', c.id, c.street_office_id, c.code, c.name, c.name_zh,
       ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)
FROM communities c
ORDER BY 1, 2;
