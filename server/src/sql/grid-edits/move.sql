-- A grid's new area and what its neighbours become. The new area ($2, EWKB) is snapped to the
-- community's grid edges (tolerance $3 degrees) so a shared vertex stays shared, and clipped to
-- the community; every other grid of the community loses what the new area takes, and each
-- connected piece the grid gives up goes to the grid that shares the longest boundary with it.
-- Set operations on edges that meet at slightly different vertices leave crumbs (under 1 m²):
-- a neighbour's crumbs and crumbs no neighbour touches go to the edited grid, so nothing is lost.
-- $1 grid id, $2 new area, $3 snap tolerance, $4 community id.
-- Rows: id, new geometry (EWKB), parts, area; orphan rows (id NULL) are pieces no grid touches.
WITH c AS (SELECT geom FROM communities WHERE id = $4),
cg AS (SELECT id, geom FROM grids WHERE community_id = $4),
ref AS (SELECT ST_Collect(ST_Boundary(geom)) AS geom FROM cg),
new0 AS (
  SELECT ST_CollectionExtract(ST_MakeValid(ST_Intersection(ST_Snap(ST_SetSRID($2::geometry, 4326), ref.geom, $3), c.geom)), 3) AS geom
  FROM ref, c
),
old AS (SELECT geom FROM cg WHERE id = $1),
hit AS (SELECT cg.id, cg.geom FROM cg, new0 WHERE cg.id <> $1 AND cg.geom && new0.geom AND ST_Relate(cg.geom, new0.geom, '2********')),
odiff AS (
  SELECT h.id, d.geom, gb_area_m2(d.geom) AS m2
  FROM hit h, new0, ST_Dump(ST_CollectionExtract(ST_MakeValid(ST_Difference(h.geom, new0.geom)), 3)) d
),
others AS (
  SELECT h.id, h.geom AS before,
         coalesce((SELECT ST_Union(o.geom) FROM odiff o WHERE o.id = h.id AND o.m2 >= 1), ST_GeomFromText('POLYGON EMPTY', 4326)) AS geom
  FROM hit h
  UNION ALL
  SELECT cg.id, cg.geom, cg.geom FROM cg WHERE cg.id <> $1 AND cg.id NOT IN (SELECT id FROM hit)
),
lost AS (
  SELECT d.geom, gb_area_m2(d.geom) AS m2
  FROM old, new0, ST_Dump(ST_CollectionExtract(ST_MakeValid(ST_Difference(old.geom, new0.geom)), 3)) d
),
gift AS (
  SELECT l.geom, l.m2, (
    SELECT o.id FROM others o
    WHERE o.geom && l.geom AND NOT ST_IsEmpty(o.geom)
      AND ST_Length(ST_Intersection(ST_Boundary(o.geom), ST_Boundary(l.geom))) > 0
    ORDER BY ST_Length(ST_Intersection(ST_Boundary(o.geom), ST_Boundary(l.geom))) DESC, o.id LIMIT 1) AS to_id
  FROM lost l
),
result AS (
  SELECT $1::int AS id, gb_clean(ST_Union(ARRAY(
    SELECT geom FROM new0
    UNION ALL SELECT geom FROM odiff WHERE m2 < 1
    UNION ALL SELECT geom FROM gift WHERE to_id IS NULL AND m2 < 1))) AS geom
  UNION ALL
  SELECT o.id, gb_clean(CASE WHEN count(g.geom) = 0 THEN o.geom ELSE ST_Union(o.geom, ST_Union(g.geom)) END)
  FROM others o LEFT JOIN gift g ON g.to_id = o.id
  GROUP BY o.id, o.geom, o.before
  HAVING count(g.geom) > 0 OR NOT ST_Equals(o.geom, o.before)
)
SELECT id, ST_AsEWKB(geom) AS ewkb, ST_NumGeometries(geom) AS parts, gb_area_m2(geom) AS area_m2 FROM result
UNION ALL
SELECT NULL, ST_AsEWKB(geom), 1, m2 FROM gift WHERE to_id IS NULL AND m2 >= 1
