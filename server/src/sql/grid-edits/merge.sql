-- The union of grids to merge, and in how many separate parts it lies. $1 grid ids.
SELECT ST_AsEWKB(gb_clean(ST_Union(geom))) AS ewkb, ST_NumGeometries(gb_clean(ST_Union(geom))) AS parts
FROM grids WHERE id = ANY($1::int[])
