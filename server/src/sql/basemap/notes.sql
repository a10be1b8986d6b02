-- What the checks found, per staged object: refused (reason) or made valid (repaired). index is
-- the object's 0-based position among the file's objects of its kind (roads, water, land use),
-- in the order osm2pgsql read them; code is the OSM object (w123, r45), the sure way to find it.
SELECT 'roads' AS layer, seq - 1 AS index, code, reason, false AS repaired FROM bm_in_roads WHERE reason IS NOT NULL
UNION ALL
SELECT 'water', seq - 1, code, reason, repaired FROM bm_in_water WHERE reason IS NOT NULL OR repaired
UNION ALL
SELECT 'landuse', seq - 1, code, reason, repaired FROM bm_in_landuse WHERE reason IS NOT NULL OR repaired
ORDER BY 1, 2
