-- Grid boundaries with their size and open load. $1 z, $2 x, $3 y.
-- geom && envelope first so the GiST index does the work (as martin does); feature id = grid id.
WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
SELECT ST_AsMVT(t, 'grids', 4096, 'geom', 'id') FROM (
  SELECT g.id, g.code, g.name, g.type, g.households, g.population, g.community_id, g.version,
         (SELECT count(*) FROM incidents i WHERE i.grid_id = g.id AND i.closed_at IS NULL)::int AS open_incidents,
         ST_AsMVTGeom(g.geom_3857, env.geom, 4096, 64, true) AS geom
  FROM grids g, env
  WHERE g.geom_3857 && env.geom
) t
WHERE t.geom IS NOT NULL;
