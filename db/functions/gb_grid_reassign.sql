-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 018_grid_edits.
-- Re-assigns, after an edit has written the new geometries of `survivors` (and before the grids
-- in `removed` are deleted), everything that belonged to any of them to the surviving grid that
-- now contains it: blocks (split where a boundary now crosses them), buildings and their
-- households/population, key places, cameras, open incidents (closed ones only when their grid
-- goes away), grid workers' home grids; then deletes `removed` and marks coverage stale.
CREATE OR REPLACE FUNCTION gb_grid_reassign(survivors integer[], removed integer[], actor text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  affected integer[] := survivors || coalesce(removed, '{}');
BEGIN
  -- Blocks crossed by a new boundary are cut along it, so each block lies in one grid.
  CREATE TEMP TABLE IF NOT EXISTS gb_pieces (block_id integer, community_id integer, parent_id integer, grid_id integer, geom geometry, rn integer) ON COMMIT DROP;
  TRUNCATE gb_pieces;
  INSERT INTO gb_pieces
  SELECT b.id, b.community_id, coalesce(b.parent_id, b.id), g.id, p.geom,
         row_number() OVER (PARTITION BY b.id ORDER BY gb_area_m2(p.geom) DESC)::int
  FROM blocks b
  JOIN grids g ON g.id = ANY(survivors) AND g.geom && b.geom
  CROSS JOIN LATERAL (SELECT (ST_Dump(gb_clean(ST_Intersection(b.geom, g.geom), 1.0))).geom) p
  WHERE b.grid_id = ANY(affected) AND ST_Relate(b.geom, g.geom, '2********');
  -- Pieces split along a boundary: the largest keeps the block's id.
  UPDATE blocks b SET geom = p.geom, grid_id = p.grid_id
  FROM gb_pieces p WHERE p.block_id = b.id AND p.rn = 1
    AND (b.grid_id IS DISTINCT FROM p.grid_id OR NOT ST_Equals(b.geom, p.geom));
  INSERT INTO blocks (community_id, grid_id, geom, parent_id)
  SELECT community_id, grid_id, geom, parent_id FROM gb_pieces WHERE rn > 1;
  -- Blocks left entirely outside every survivor lose their grid; a block follows its grid's community.
  UPDATE blocks b SET grid_id = NULL WHERE b.grid_id = ANY(removed);
  UPDATE blocks b SET community_id = g.community_id FROM grids g
  WHERE g.id = b.grid_id AND g.id = ANY(survivors) AND b.community_id <> g.community_id;
  -- Pieces of one block that lie in one grid again (an undone split, a merge) are the block
  -- again: the original keeps its id and takes back the whole shape, the pieces go. So undoing a
  -- split leaves the community with the blocks it had before.
  CREATE TEMP TABLE IF NOT EXISTS gb_whole (id integer, geom geometry) ON COMMIT DROP;
  TRUNCATE gb_whole;
  INSERT INTO gb_whole
  SELECT r.id, ST_UnaryUnion(ST_Collect(array_append(array_agg(c.geom), r.geom)))
  FROM blocks r JOIN blocks c ON c.parent_id = r.id
  WHERE r.grid_id = ANY(survivors)
  GROUP BY r.id, r.geom, r.grid_id
  HAVING bool_and(c.grid_id IS NOT DISTINCT FROM r.grid_id);
  DELETE FROM gb_whole WHERE GeometryType(geom) <> 'POLYGON' OR NOT ST_IsValid(geom);
  UPDATE blocks b SET geom = w.geom FROM gb_whole w WHERE w.id = b.id;
  DELETE FROM blocks c USING gb_whole w WHERE c.parent_id = w.id;

  UPDATE buildings b SET grid_id = n.gid
  FROM (SELECT b2.id, (SELECT g.id FROM grids g WHERE g.id = ANY(survivors) AND g.geom && b2.geom
                         AND ST_Intersects(g.geom, ST_PointOnSurface(b2.geom)) ORDER BY g.id LIMIT 1) AS gid
        FROM buildings b2 WHERE b2.grid_id = ANY(affected)) n
  WHERE n.id = b.id AND b.grid_id IS DISTINCT FROM n.gid;

  UPDATE key_places k SET grid_id = n.gid
  FROM (SELECT k2.id, (SELECT g.id FROM grids g WHERE g.id = ANY(survivors) AND ST_Intersects(g.geom, k2.geom) ORDER BY g.id LIMIT 1) AS gid
        FROM key_places k2 WHERE k2.grid_id = ANY(affected)) n
  WHERE n.id = k.id AND k.grid_id IS DISTINCT FROM n.gid;

  UPDATE cameras c SET grid_id = n.gid
  FROM (SELECT c2.id, (SELECT g.id FROM grids g WHERE g.id = ANY(survivors) AND ST_Intersects(g.geom, c2.geom) ORDER BY g.id LIMIT 1) AS gid
        FROM cameras c2 WHERE c2.grid_id = ANY(affected)) n
  WHERE n.id = c.id AND c.grid_id IS DISTINCT FROM n.gid;

  -- Open incidents follow the map; closed ones keep the grid they were handled in unless it is gone.
  UPDATE incidents i SET grid_id = n.gid, community_id = n.cid, street_office_id = n.sid, district_id = n.did
  FROM (SELECT i2.id, x.gid, x.cid, x.sid, x.did
        FROM incidents i2
        CROSS JOIN LATERAL (SELECT g.id AS gid, g.community_id AS cid, c.street_office_id AS sid, s.district_id AS did
                            FROM grids g JOIN communities c ON c.id = g.community_id JOIN street_offices s ON s.id = c.street_office_id
                            WHERE g.id = ANY(survivors) AND ST_Intersects(g.geom, i2.geom) ORDER BY g.id LIMIT 1) x
        WHERE i2.grid_id = ANY(affected) AND (i2.closed_at IS NULL OR i2.grid_id = ANY(removed))) n
  WHERE n.id = i.id AND (i.grid_id IS DISTINCT FROM n.gid OR i.community_id IS DISTINCT FROM n.cid);

  -- A worker whose home grid goes away moves to the grid that took most of it; a grid left
  -- without a worker takes that worker.
  UPDATE patrol_units p SET home_grid_id = n.gid
  FROM (SELECT r.id AS rid, (SELECT g.id FROM grids g WHERE g.id = ANY(survivors) AND g.geom && r.geom
                              ORDER BY gb_area_m2(ST_Intersection(g.geom, r.geom)) DESC, g.id LIMIT 1) AS gid
        FROM grids r WHERE r.id = ANY(removed)) n
  WHERE p.home_grid_id = n.rid;
  -- One grid, one worker (grids_worker_once): the removed grid lets go before the survivor takes them.
  CREATE TEMP TABLE IF NOT EXISTS gb_moved (worker_id integer, grid_id integer) ON COMMIT DROP;
  TRUNCATE gb_moved;
  INSERT INTO gb_moved SELECT r.worker_id, p.home_grid_id
  FROM grids r JOIN patrol_units p ON p.id = r.worker_id WHERE r.id = ANY(removed);
  UPDATE grids SET worker_id = NULL WHERE id = ANY(removed) AND worker_id IS NOT NULL;
  UPDATE grids g SET worker_id = m.worker_id
  FROM gb_moved m WHERE g.id = m.grid_id AND g.id = ANY(survivors) AND g.worker_id IS NULL;

  UPDATE grids g SET households = s.hh, population = s.pop
  FROM (SELECT g2.id, coalesce(sum(b.households), 0)::int AS hh, coalesce(sum(b.population), 0)::int AS pop
        FROM grids g2 LEFT JOIN buildings b ON b.grid_id = g2.id
        WHERE g2.id = ANY(survivors) GROUP BY g2.id) s
  WHERE s.id = g.id AND (g.households <> s.hh OR g.population <> s.pop);

  DELETE FROM grids WHERE id = ANY(removed);
  -- Coverage measures of redrawn grids are recomputed from scratch (grids-stale finds them).
  DELETE FROM grid_coverage WHERE grid_id = ANY(survivors);
END $$;
