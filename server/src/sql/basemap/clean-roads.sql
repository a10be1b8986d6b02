-- The staged roads (__STAGING__ is the run's own import_staging.<prefix>_roads, quoted by the
-- repository) checked one by one. A road line is invalid in PostGIS only when it has no length,
-- so repeated nodes are dropped first and a way left with fewer than two distinct points is
-- refused; so is a way osm2pgsql could not build (a node missing from an extract's edge).
CREATE TEMP TABLE bm_in_roads ON COMMIT DROP AS
SELECT s.seq, lower(s.osm_type) || s.osm_id AS code, s.class, s.name, s.name_zh, c.geom,
       CASE
         WHEN s.geom IS NULL THEN 'road: osm2pgsql could not build the line (a node of the way is missing from the file)'
         WHEN c.geom IS NULL THEN 'road: the way has no length (all its nodes lie on one spot)'
       END AS reason
FROM __STAGING__ s
LEFT JOIN LATERAL (
  SELECT r AS geom FROM ST_RemoveRepeatedPoints(s.geom) r WHERE ST_NPoints(r) >= 2 AND ST_IsValid(r)
) c ON true
