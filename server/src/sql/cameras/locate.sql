-- The grid holding each point (lon $1[i], lat $2[i]), or NULL outside every grid; in order.
SELECT p.i, (SELECT g.id FROM grids g WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY g.id LIMIT 1) AS grid_id
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p (lon, lat, i)
ORDER BY p.i
