-- An imported grid's area: valid, snapped to the community's edges and its current grid edges
-- (2 m: an exported map comes back exactly), clipped to the community.
-- $1 GeoJSON, $2 community id, $3 snap tolerance (degrees).
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom),
c AS (SELECT geom FROM communities WHERE id = $2),
ref AS (SELECT ST_Collect(ST_Collect(ST_Boundary(g.geom)), (SELECT ST_Boundary(geom) FROM c)) AS geom FROM grids g WHERE g.community_id = $2),
v AS (SELECT ST_IsValid(a.geom) AS valid FROM a)
SELECT v.valid,
       CASE WHEN v.valid THEN NULL ELSE ST_IsValidReason(a.geom) END AS reason,
       CASE WHEN v.valid THEN gb_area_m2(ST_Difference(a.geom, c.geom)) END AS outside_m2,
       CASE WHEN v.valid THEN ST_AsEWKB(gb_clean(ST_Intersection(ST_Snap(a.geom, ref.geom, $3), c.geom))) END AS ewkb
FROM a, c, v, ref
