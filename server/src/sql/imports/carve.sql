-- Take a new community's area out of an existing community and its grids.
-- $1 existing community, $2 new community. Returns the grids that changed: id, EWKB, parts, area.
WITH n AS (SELECT geom FROM communities WHERE id = $2),
upd AS (UPDATE communities c SET geom = gb_clean(ST_Difference(c.geom, n.geom)) FROM n WHERE c.id = $1 RETURNING c.id)
SELECT g.id, ST_AsEWKB(x.geom) AS ewkb, ST_NumGeometries(x.geom) AS parts, gb_area_m2(x.geom) AS area_m2, g.code, g.allow_multipart
FROM grids g, n, upd
CROSS JOIN LATERAL (SELECT gb_clean(ST_Difference(g.geom, n.geom)) AS geom) x
WHERE g.community_id = $1 AND g.geom && n.geom AND ST_Relate(g.geom, n.geom, '2********')
