-- The atomic units of a community for auto-partitioning: its street blocks, with the households
-- of the buildings standing in each and a point in metres; and which blocks share an edge.
-- $1 community id.
WITH b AS (SELECT id, grid_id, geom FROM blocks WHERE community_id = $1)
SELECT json_build_object(
  'units', coalesce((SELECT json_agg(json_build_object(
      'id', b.id, 'grid_id', b.grid_id,
      'households', (SELECT coalesce(sum(x.households), 0) FROM buildings x
                     WHERE x.geom && b.geom AND ST_Intersects(b.geom, ST_PointOnSurface(x.geom))),
      'x', ST_X(ST_Transform(ST_PointOnSurface(b.geom), 3857)), 'y', ST_Y(ST_Transform(ST_PointOnSurface(b.geom), 3857)))
    ORDER BY b.id) FROM b), '[]'::json),
  'adjacency', coalesce((SELECT json_agg(json_build_array(p.id, q.id))
    FROM b p JOIN b q ON p.id < q.id AND p.geom && q.geom AND ST_Relate(p.geom, q.geom, '****1****')), '[]'::json)
) AS plan
