-- Buildings (one polygon each). The grid a building stands in is derived on import, so not exported.
SELECT b.id, b.code, b.name, b.address, b.use, b.floors, b.height_m, b.households, b.population,
       ST_ForcePolygonCCW(b.geom) AS geom
FROM buildings b
