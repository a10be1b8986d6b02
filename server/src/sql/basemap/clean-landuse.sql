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
LEFT JOIN LATERAL (
  SELECT m AS geom
  FROM (SELECT CASE WHEN ST_IsValid(s.geom) THEN s.geom
                    WHEN s.geom IS NOT NULL THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(s.geom), 3))
                    WHEN ST_NPoints(s.ring) >= 4 AND ST_IsClosed(s.ring)
                      THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_MakePolygon(s.ring)), 3)) END AS m) x
  WHERE NOT ST_IsEmpty(m) AND ST_IsValid(m)
) c ON true
