-- The key places inside a grid (schools, hospitals, markets…): what a worker checks on. $1 grid id.
SELECT k.id, k.code, k.name_zh AS name, k.kind, ST_X(k.geom) AS lon, ST_Y(k.geom) AS lat
FROM key_places k JOIN grids g ON g.id = $1
WHERE k.grid_id = g.id OR (k.grid_id IS NULL AND ST_Covers(g.geom, k.geom))
ORDER BY k.kind, k.code
