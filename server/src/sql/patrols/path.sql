-- The street path between two points (each snapped to its nearest crossing), as coordinates,
-- with its length in metres. $1 lon a, $2 lat a, $3 lon b, $4 lat b, $5 margin (m) around the two points.
WITH args AS (SELECT $1::float8 AS ax, $2::float8 AS ay, $3::float8 AS bx, $4::float8 AS by, $5::float8 AS margin),
a AS (SELECT street_vertex_near(ST_SetSRID(ST_MakePoint(ax, ay), 4326)) AS id FROM args),
b AS (SELECT street_vertex_near(ST_SetSRID(ST_MakePoint(bx, by), 4326)) AS id FROM args),
steps AS (
  SELECT p.seq, p.node, p.agg_cost
  FROM a, b, args, pgr_dijkstra(
    format('SELECT id, source, target, length_m AS cost FROM roads WHERE geom && ST_Expand(ST_MakeEnvelope(%s, %s, %s, %s, 4326), %s)',
           least(ax, bx), least(ay, by), greatest(ax, bx), greatest(ay, by), margin / 100000.0),
    a.id, b.id, directed => false) p
)
SELECT (SELECT id FROM a) = (SELECT id FROM b) AS same,
       coalesce(max(s.agg_cost), 0) AS length_m,
       CASE WHEN count(*) > 1 THEN json_agg(json_build_array(round(ST_X(v.geom)::numeric, 7), round(ST_Y(v.geom)::numeric, 7)) ORDER BY s.seq) END AS coords
FROM steps s JOIN street_vertices v ON v.id = s.node
