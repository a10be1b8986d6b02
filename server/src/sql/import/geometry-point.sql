-- Points: one point per row, in longitude/latitude. A multipoint of one point is that point.
-- Reads `src (idx, g0)`; one row out per row in.
, a AS (
  SELECT idx, g0, CASE WHEN g0 IS NOT NULL AND NOT ST_IsEmpty(g0) AND ST_Dimension(g0) = 0
                       THEN ST_SetSRID(ST_GeometryN(g0, 1), 4326) END AS p
  FROM src
),
b AS (
  SELECT idx, g0, p,
    CASE
      WHEN g0 IS NULL OR ST_IsEmpty(g0) THEN 'no coordinates (give lon/lat — 经度/纬度 — or a WKT column)'
      WHEN ST_Dimension(g0) <> 0 OR ST_NumGeometries(g0) > 1 THEN 'a ' || GeometryType(g0) || ', not a point'
      WHEN abs(ST_Y(p)) > 90 AND abs(ST_X(p)) <= 90 THEN
        'latitude ' || round(ST_Y(p)::numeric, 5) || ' is beyond ±90: longitude and latitude look swapped'
      WHEN abs(ST_X(p)) > 180 OR abs(ST_Y(p)) > 90 THEN
        'coordinates (' || round(ST_X(p)::numeric, 1) || ', ' || round(ST_Y(p)::numeric, 1) || ') are not longitude/latitude: name the CRS with --crs'
    END AS why
  FROM a
)
SELECT idx, g0, why AS reject, CASE WHEN why IS NULL THEN p END AS g, '{}'::text[] AS fixes FROM b
