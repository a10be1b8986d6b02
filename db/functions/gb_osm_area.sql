-- Repeatable (see db/functions/README.md): re-applied whenever this file changes.
-- An OpenStreetMap area as the basemap import keeps it: valid as osm2pgsql built it; made valid
-- (polygonal part only) where it is not; rebuilt from the closed way's own ring where osm2pgsql
-- could not assemble it. NULL when nothing polygonal is left.
CREATE OR REPLACE FUNCTION gb_osm_area(g geometry, ring geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT m FROM (
    SELECT CASE WHEN ST_IsValid(g) THEN g
                WHEN g IS NOT NULL THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3))
                WHEN ST_NPoints(ring) >= 4 AND ST_IsClosed(ring)
                  THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_MakePolygon(ring)), 3)) END AS m
  ) x
  WHERE NOT ST_IsEmpty(m) AND ST_IsValid(m)
$$;
