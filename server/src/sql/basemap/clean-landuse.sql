-- The staged land-use areas (__STAGING__: import_staging.<prefix>_landuse), made valid as the
-- water is (see clean-water.sql).
CREATE TEMP TABLE bm_in_landuse ON COMMIT DROP AS
SELECT s.seq, lower(s.osm_type) || s.osm_id AS code, s.kind, c.geom,
       (s.geom IS NULL OR NOT ST_IsValid(s.geom)) AS repaired,
       CASE
         WHEN s.geom IS NULL AND c.geom IS NULL THEN 'land use: osm2pgsql could not assemble the area (an open or broken ring, or a missing member)'
         WHEN c.geom IS NULL THEN 'land use: the area is not valid and nothing of it is left once made valid'
       END AS reason
FROM __STAGING__ s
CROSS JOIN LATERAL (SELECT gb_osm_area(s.geom, s.ring) AS geom) c
