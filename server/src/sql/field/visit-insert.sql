-- Stores a visit once (the phone chose the id): the grid from a spatial join on the point, the
-- building as given or else the nearest one within 30 m. No row back = the id was stored before.
-- $1 id, $2 unit, $3 user, $4 building or NULL, $5 household, $6 who, $7 found, $8 photos,
-- $9 visited_at, $10 lon, $11 lat
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($10, $11), 4326) AS geom),
grid AS (SELECT g.id FROM grids g, pt WHERE ST_Covers(g.geom, pt.geom) ORDER BY g.id LIMIT 1),
near AS (
  SELECT b.id FROM buildings b, pt
  WHERE $4::bigint IS NULL AND ST_DWithin(b.geom::geography, pt.geom::geography, 30)
  ORDER BY b.geom <-> pt.geom
  LIMIT 1
)
INSERT INTO visits AS v (id, unit_id, user_id, grid_id, building_id, household, who, found, photos, visited_at, geom)
SELECT $1, $2, $3, (SELECT id FROM grid), coalesce($4::bigint, (SELECT id FROM near)), $5, $6, $7, $8, $9, pt.geom
FROM pt
ON CONFLICT (id) DO NOTHING
RETURNING v.id
