-- Candidate camera sites in the area $1 (3857): every intersection, and points along every road
-- at about $2 m spacing (none inside a building). $3: fixed cameras (one candidate per
-- direction: along each arm of an intersection, both ways along a road) or ptz (one per site).
-- Positions are returned as WGS 84 doubles, unrounded: the registry locates them the same way.
WITH sc AS (
  SELECT $1::geometry AS g, cos(radians(ST_Y(ST_Transform(ST_Centroid($1::geometry), 4326)))) AS k
), rd AS (
  SELECT x.id, x.geom_3857 AS g, ST_Length(x.geom_3857) * sc.k AS len_m
  FROM roads x, sc
  WHERE x.geom_3857 && sc.g AND ST_DWithin(ST_LineInterpolatePoint(x.geom_3857, 0.5), sc.g, 0.01)
), nodes AS (
  SELECT p.id, p.geom_3857 AS g FROM coverage_points p, sc
  WHERE p.road_id IS NOT NULL AND ST_DWithin(p.geom_3857, sc.g, 0.01)
), node_sites AS (
  SELECT 'intersection' AS site, n.id AS ord, n.g,
         CASE WHEN $3::boolean THEN ARRAY(
           SELECT degrees(ST_Azimuth(n.g, CASE WHEN ST_DWithin(ST_StartPoint(x.geom_3857), n.g, 0.01)
                                              THEN ST_EndPoint(x.geom_3857) ELSE ST_StartPoint(x.geom_3857) END))
           FROM roads x WHERE ST_DWithin(x.geom_3857, n.g, 0.01) ORDER BY x.id)
         ELSE ARRAY[0::float8] END AS bearings
  FROM nodes n
), road_sites AS (
  SELECT 'road' AS site, rd.id * 1000 + i AS ord, ST_LineInterpolatePoint(rd.g, (i - 0.5) / n.n) AS g,
         CASE WHEN $3::boolean THEN ARRAY[degrees(ST_Azimuth(ST_StartPoint(rd.g), ST_EndPoint(rd.g))),
                                          degrees(ST_Azimuth(ST_EndPoint(rd.g), ST_StartPoint(rd.g)))]
         ELSE ARRAY[0::float8] END AS bearings
  FROM rd CROSS JOIN LATERAL (SELECT greatest(1, round(rd.len_m / $2::float8))::int AS n) n
  CROSS JOIN LATERAL generate_series(1, n.n) i
), sites AS (
  SELECT * FROM node_sites UNION ALL SELECT * FROM road_sites
)
SELECT s.site, ST_X(w.p) AS lon, ST_Y(w.p) AS lat, b.bearing
FROM sites s CROSS JOIN LATERAL (SELECT ST_Transform(s.g, 4326) AS p) w
CROSS JOIN LATERAL unnest(s.bearings) AS b (bearing)
WHERE NOT EXISTS (SELECT 1 FROM buildings x WHERE x.geom_3857 && s.g AND ST_Intersects(x.geom_3857, s.g))
  -- inside the city as the registry will place it (a road on the city's edge is not)
  AND EXISTS (SELECT 1 FROM grids x WHERE ST_Covers(x.geom, w.p))
ORDER BY s.site, s.ord, b.bearing
