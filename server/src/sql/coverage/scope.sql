-- Names and extent (WGS 84) of a grid ($1) or community ($2).
SELECT 'grid' AS kind, g.id, g.code, g.name, g.name AS name_zh,
       ARRAY[ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom)] AS bbox
FROM grids g WHERE g.id = $1
UNION ALL
SELECT 'community', c.id, c.code, c.name, c.name_zh, ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)]
FROM communities c WHERE c.id = $2
