-- The union of blocks, as a grid's new area. $1 block ids.
SELECT ST_AsEWKB(gb_clean(ST_Union(geom))) AS ewkb, ST_NumGeometries(gb_clean(ST_Union(geom))) AS parts FROM blocks WHERE id = ANY($1::int[])
