-- Split a grid along a line. The line is first snapped (ST_Snap, tolerance $3 degrees) to the
-- street centrelines and grid edges near it, so a line drawn roughly along a street follows it.
-- ST_Split's noding can shift a long edge by a hair, so only the smaller pieces are taken from it
-- (clipped to the grid) and the largest is the grid minus them: together they are the grid exactly.
-- $1 grid id, $2 line GeoJSON, $3 snap tolerance (degrees).
-- Returns the pieces (largest first) with their area and parts, and the snapped line.
WITH g AS (SELECT geom FROM grids WHERE id = $1),
line AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS geom),
ref AS (
  SELECT ST_Collect(x.geom) AS geom FROM (
    SELECT r.geom FROM roads r, line WHERE r.geom && ST_Expand(line.geom, $3)
    UNION ALL
    SELECT ST_Boundary(o.geom) FROM grids o, line WHERE o.geom && ST_Expand(line.geom, $3)
  ) x
),
snapped AS (
  SELECT CASE WHEN ref.geom IS NULL THEN line.geom ELSE ST_Snap(line.geom, ref.geom, $3) END AS geom FROM line, ref
),
pieces AS (
  SELECT d.geom, row_number() OVER (ORDER BY gb_area_m2(d.geom) DESC) AS k
  FROM g, snapped, ST_Dump(ST_CollectionExtract(ST_Split(g.geom, snapped.geom), 3)) d
),
small AS (SELECT p.k, gb_clean(ST_Intersection(p.geom, g.geom)) AS geom FROM pieces p, g WHERE p.k > 1),
big AS (
  SELECT 1::bigint AS k, gb_clean(CASE WHEN (SELECT count(*) FROM small) = 0 THEN g.geom
                                  ELSE ST_Difference(g.geom, (SELECT ST_Union(geom) FROM small)) END) AS geom
  FROM g
),
result AS (SELECT k, geom FROM big UNION ALL SELECT k, geom FROM small)
SELECT ST_AsEWKB(r.geom) AS ewkb, gb_area_m2(r.geom) AS area_m2, ST_NumGeometries(r.geom) AS parts,
       (SELECT ST_AsGeoJSON(geom, 7) FROM snapped) AS snapped
FROM result r
ORDER BY r.k
