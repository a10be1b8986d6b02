-- Polygons, repaired where that is safe and said so: repeated vertices removed, rings turned to
-- counter-clockwise (RFC 7946) where the format makes that the rule, self-touches and bow-ties
-- made valid when that changes the area by at most 5 %. $1: one polygon per row (buildings keep
-- their largest part); $2: a clockwise ring is a blemish of the file (GeoJSON), not its rule.
-- Reads `src (idx, g0)`; one row out per row in. Areas on the spheroid are costly, so they are
-- measured only for the rows that need them (invalid ones, and the nearly empty).
, a AS (
  SELECT idx, g0,
    CASE
      WHEN g0 IS NULL OR ST_IsEmpty(g0) THEN 'no geometry'
      WHEN ST_Dimension(g0) <> 2 THEN 'a ' || GeometryType(g0) || ', not a polygon'
      WHEN ST_XMax(g0) > 180 OR ST_XMin(g0) < -180 OR ST_YMax(g0) > 90 OR ST_YMin(g0) < -90 THEN
        'coordinates beyond longitude/latitude (e.g. ' || round(ST_XMax(g0)::numeric, 1) || '): name the CRS with --crs'
    END AS bad
  FROM src
),
b AS (
  SELECT idx, g0, g1, ST_NPoints(g0) - ST_NPoints(g1) AS dup, ST_IsValid(g1) AS ok
  FROM (SELECT idx, g0, ST_SetSRID(ST_CollectionExtract(ST_RemoveRepeatedPoints(g0), 3), 4326) AS g1 FROM a WHERE bad IS NULL) q
),
c AS (
  SELECT b.*,
    CASE WHEN ok THEN ST_Multi(g1) ELSE gb_clean(g1) END AS g2,
    CASE WHEN NOT ok THEN ST_IsValidReason(g1) END AS why,
    CASE WHEN NOT ok OR ST_Area(g1) < 1e-9 THEN gb_area_m2(g1) END AS a1
  FROM b
),
d AS (
  SELECT c.*, CASE WHEN a1 IS NOT NULL THEN gb_area_m2(g2) END AS a2, ST_NumGeometries(g2) AS parts FROM c
),
e AS (
  SELECT d.*,
    CASE
      WHEN a2 < 0.5 THEN 'the polygon has no area'
      WHEN NOT ok AND abs(a2 - a1) > 0.05 * greatest(a1, a2) THEN
        'not a valid polygon (' || why || '); making it valid would change its area by ' || round((100 * abs(a2 - a1) / greatest(a1, a2))::numeric, 1) || ' %'
    END AS bad2
  FROM d
)
SELECT a.idx, a.g0,
  coalesce(a.bad, e.bad2) AS reject,
  CASE WHEN coalesce(a.bad, e.bad2) IS NULL THEN
    ST_ForcePolygonCCW(CASE WHEN $1::boolean AND e.parts > 1 THEN
      (SELECT p.geom FROM ST_Dump(e.g2) p ORDER BY ST_Area(p.geom) DESC LIMIT 1)
      WHEN $1::boolean THEN ST_GeometryN(e.g2, 1) ELSE e.g2 END) END AS g,
  array_remove(ARRAY[
    CASE WHEN e.dup > 0 THEN 'removed ' || e.dup || ' repeated vertices' END,
    CASE WHEN NOT e.ok THEN 'made valid (' || e.why || '): area changed by ' || round(abs(e.a2 - e.a1)::numeric, 1) || ' m²' END,
    CASE WHEN $2::boolean AND NOT ST_IsPolygonCCW(e.g1) THEN 'outer ring turned counter-clockwise (RFC 7946)' END,
    CASE WHEN $1::boolean AND e.parts > 1 THEN 'kept the largest of ' || e.parts || ' parts' END
  ], NULL) AS fixes
FROM a LEFT JOIN e USING (idx)
