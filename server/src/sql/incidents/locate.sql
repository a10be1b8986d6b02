-- Which grid holds a point ($1 lon, $2 lat), if any.
SELECT g.id FROM grids g WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1;
