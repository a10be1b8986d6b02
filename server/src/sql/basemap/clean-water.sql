-- The staged water areas (__STAGING__: import_staging.<prefix>_water) made valid with
-- ST_MakeValid where they are not (self-touching rings, bow-ties, overlapping inner rings are
-- common in hand-drawn OSM areas), keeping only the polygonal part. A closed way osm2pgsql could
-- not assemble (its ring crosses itself) is rebuilt from the ring the style staged beside it; a
-- relation it could not assemble, or an area with nothing left once made valid, is refused. Water without a water=* kind
-- is a pond under one hectare and a lake above.
CREATE TEMP TABLE bm_in_water ON COMMIT DROP AS
SELECT s.seq, lower(s.osm_type) || s.osm_id AS code,
       CASE WHEN s.kind IS NOT NULL THEN s.kind
            WHEN c.geom IS NULL THEN NULL
            WHEN ST_Area(c.geom::geography) < 10000 THEN 'pond'
            ELSE 'lake' END AS kind,
       s.name, s.name_zh, c.geom, (s.geom IS NULL OR NOT ST_IsValid(s.geom)) AS repaired,
       CASE
         WHEN s.geom IS NULL AND c.geom IS NULL THEN 'water: osm2pgsql could not assemble the area (an open or broken ring, or a missing member)'
         WHEN c.geom IS NULL THEN 'water: the area is not valid and nothing of it is left once made valid'
       END AS reason
FROM __STAGING__ s
CROSS JOIN LATERAL (SELECT gb_osm_area(s.geom, s.ring) AS geom) c
