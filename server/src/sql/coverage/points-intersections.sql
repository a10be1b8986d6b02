-- Rebuilds the intersections to watch: road graph nodes where three or more road segments end
-- (segments meet only at their ends). Main: three or more arms of arterial or secondary road.
WITH ends AS (
  SELECT r.id, r.class, ST_StartPoint(r.geom) AS p, ST_StartPoint(r.geom_3857) AS p3857 FROM roads r
  UNION ALL
  SELECT r.id, r.class, ST_EndPoint(r.geom), ST_EndPoint(r.geom_3857) FROM roads r
), nodes AS (
  SELECT ST_X(p) AS x, ST_Y(p) AS y, min(id) AS road_id, count(*) AS degree,
         count(*) FILTER (WHERE class IN ('arterial', 'secondary')) AS main_arms,
         (array_agg(p3857))[1] AS p3857
  FROM ends GROUP BY ST_X(p), ST_Y(p)
  HAVING count(*) >= 3
)
INSERT INTO coverage_points (kind, road_id, degree, main, geom, geom_3857)
SELECT 'intersection', road_id, degree, main_arms >= 3, ST_SetSRID(ST_MakePoint(x, y), 4326), p3857
FROM nodes
