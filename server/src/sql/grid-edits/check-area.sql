-- Validity of a drawn or imported area and how it lies against a community.
-- $1 GeoJSON geometry, $2 community id (NULL: no community check).
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom)
SELECT ST_IsValid(a.geom) AS valid,
       CASE WHEN ST_IsValid(a.geom) THEN NULL ELSE ST_IsValidReason(a.geom) END AS reason,
       CASE WHEN ST_IsValid(a.geom) AND $2::int IS NOT NULL THEN
         (SELECT gb_area_m2(ST_Difference(a.geom, c.geom)) FROM communities c WHERE c.id = $2) END AS outside_m2,
       gb_area_m2(a.geom) AS area_m2,
       ST_AsEWKB(a.geom) AS ewkb
FROM a
