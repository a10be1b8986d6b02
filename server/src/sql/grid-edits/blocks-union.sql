-- The target grid's area with the painted blocks added; the blocks that are not already in it.
-- $1 target grid id, $2 block ids.
WITH b AS (SELECT id, community_id, grid_id, geom FROM blocks WHERE id = ANY($2::int[])),
t AS (SELECT id, community_id, geom FROM grids WHERE id = $1)
SELECT ST_AsEWKB(ST_Union(t.geom, coalesce((SELECT ST_Union(geom) FROM b WHERE b.grid_id IS DISTINCT FROM t.id), t.geom))) AS ewkb,
       (SELECT count(*) FROM b)::int AS found,
       (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM b WHERE b.community_id <> t.community_id) AS foreign_ids,
       (SELECT count(*) FROM b WHERE b.grid_id IS DISTINCT FROM t.id)::int AS moving
FROM t
