-- The longest uncovered stretches of main road: uncovered parts of arterial and secondary road
-- segments joined along each named road, within the scope $1 (3857; NULL = city), longest
-- first, at most $2.
WITH u AS (
  SELECT x.class, x.name, x.name_zh, d.geom AS part, cos(radians(ST_Y(ST_StartPoint(x.geom)))) AS k
  FROM road_coverage rc JOIN roads x ON x.id = rc.road_id CROSS JOIN LATERAL ST_Dump(rc.uncovered) d
  WHERE rc.main AND rc.covered_m < rc.length_m - 0.5
    AND ($1::geometry IS NULL OR (x.geom_3857 && $1::geometry AND ST_DWithin(ST_LineInterpolatePoint(x.geom_3857, 0.5), $1::geometry, 0.01)))
), stretches AS (
  SELECT class, name, name_zh, avg(k) AS k, (ST_Dump(ST_LineMerge(ST_Collect(part)))).geom AS g
  FROM u GROUP BY class, name, name_zh
), top AS (
  SELECT *, ST_Length(g) * k AS length_m FROM stretches ORDER BY ST_Length(g) * k DESC LIMIT $2
)
SELECT class, name, name_zh, round(length_m::numeric, 1)::float8 AS length_m,
       ST_X(ST_Transform(ST_LineInterpolatePoint(g, 0.5), 4326)) AS lon, ST_Y(ST_Transform(ST_LineInterpolatePoint(g, 0.5), 4326)) AS lat,
       (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] FROM (SELECT ST_Transform(g, 4326) AS e) y) AS bbox,
       ST_AsGeoJSON(ST_Transform(g, 4326), 6)::json AS geometry
FROM top ORDER BY length_m DESC
