-- Grid editing: the permanent version history of a community's grids, and the SQL that every
-- edit (split, merge, boundary move, block reassignment, restore, auto-partition, import) runs
-- after it has written the new grid geometries: re-assign what the grids contain, then check
-- that the community is still tiled exactly. Edits refuse (and roll back) when a check fails.

-- One row per accepted edit. `before`/`after` hold the affected grids as they were and as they
-- became ({id, code, name, type, worker_id, allow_multipart, version, households, population,
-- geom: GeoJSON}), so any earlier state of a community can be rebuilt by walking back from now.
CREATE TABLE IF NOT EXISTS grid_versions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES communities (id),
  op            text NOT NULL CHECK (op IN ('split', 'merge', 'move', 'reassign', 'restore', 'partition', 'import')),
  actor         text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  reason        text NOT NULL DEFAULT '',
  grid_ids      integer[] NOT NULL,
  before        jsonb NOT NULL,
  after         jsonb NOT NULL,
  restored_from bigint REFERENCES grid_versions (id)
);
CREATE INDEX IF NOT EXISTS grid_versions_community_idx ON grid_versions (community_id, id);

-- The history is evidence, like incident_history: appended to, never rewritten.
CREATE OR REPLACE FUNCTION grid_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grid_versions is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS grid_versions_no_update ON grid_versions;
CREATE TRIGGER grid_versions_no_update BEFORE UPDATE OR DELETE ON grid_versions
  FOR EACH ROW EXECUTE FUNCTION grid_versions_append_only();

-- Blocks are split along grid boundaries that do not follow streets; the pieces keep their
-- parent's id here so an edited map still says which street block a piece came from.
ALTER TABLE blocks ADD COLUMN IF NOT EXISTS parent_id integer;

-- Area in square metres (geodesic), the unit every tolerance below is stated in.
CREATE OR REPLACE FUNCTION gb_area_m2(g geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(ST_Area(g::geography), 0)
$$;

-- A polygonal geometry cleaned of crumbs: valid, polygons only, parts under `crumb_m2` dropped.
-- Set operations on boundaries that meet at slightly different vertices leave such crumbs;
-- dropping them leaves gaps far below the tiling tolerance.
CREATE OR REPLACE FUNCTION gb_clean(g geometry, crumb_m2 double precision DEFAULT 0.5) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Multi(coalesce(ST_Collect(d.geom ORDER BY d.path), ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)))
  FROM ST_Dump(ST_CollectionExtract(ST_MakeValid(g), 3)) d
  WHERE gb_area_m2(d.geom) >= crumb_m2
$$;

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
  UPDATE grids g SET worker_id = r.worker_id
  FROM grids r JOIN patrol_units p ON p.id = r.worker_id
  WHERE r.id = ANY(removed) AND g.id = p.home_grid_id AND g.id = ANY(survivors) AND g.worker_id IS NULL;
  UPDATE grids SET worker_id = NULL WHERE id = ANY(removed);

  UPDATE grids g SET households = s.hh, population = s.pop
  FROM (SELECT g2.id, coalesce(sum(b.households), 0)::int AS hh, coalesce(sum(b.population), 0)::int AS pop
        FROM grids g2 LEFT JOIN buildings b ON b.grid_id = g2.id
        WHERE g2.id = ANY(survivors) GROUP BY g2.id) s
  WHERE s.id = g.id AND (g.households <> s.hh OR g.population <> s.pop);

  DELETE FROM grids WHERE id = ANY(removed);
  -- Coverage measures of redrawn grids are recomputed from scratch (grids-stale finds them).
  DELETE FROM grid_coverage WHERE grid_id = ANY(survivors);
END $$;

-- What is wrong with a community's tiling, as rows (empty = all invariants hold):
-- every grid valid, non-empty, single-part unless allowed; no two grids overlapping by more than
-- `tol_m2`; their union equal to the community within `tol_m2` (gap and outside area).
CREATE OR REPLACE FUNCTION gb_tiling_problems(p_community integer, tol_m2 double precision DEFAULT 1.0)
RETURNS TABLE (grid_id integer, code text, problem text) LANGUAGE sql STABLE AS $$
  WITH cg AS (SELECT g.id, g.code, g.geom, g.allow_multipart FROM grids g WHERE g.community_id = p_community),
  c AS (SELECT geom FROM communities WHERE id = p_community)
  SELECT id, code, 'invalid geometry: ' || ST_IsValidReason(geom) FROM cg WHERE NOT ST_IsValid(geom)
  UNION ALL
  SELECT id, code, 'empty' FROM cg WHERE ST_IsEmpty(geom) OR gb_area_m2(geom) < tol_m2
  UNION ALL
  SELECT id, code, 'in ' || ST_NumGeometries(geom) || ' separate parts (not contiguous)' FROM cg
  WHERE NOT allow_multipart AND ST_NumGeometries(geom) > 1
  UNION ALL
  SELECT a.id, a.code, 'overlaps ' || b.code || ' by ' || round(o.m2::numeric, 1) || ' m²'
  FROM cg a JOIN cg b ON a.id < b.id AND a.geom && b.geom
  CROSS JOIN LATERAL (SELECT gb_area_m2(ST_Intersection(a.geom, b.geom)) AS m2) o
  WHERE ST_Relate(a.geom, b.geom, '2********') AND o.m2 > tol_m2
  UNION ALL
  SELECT NULL::int, NULL::text, x.problem
  FROM (SELECT u.geom AS u FROM (SELECT ST_Union(geom) AS geom FROM cg) u) uu, c
  CROSS JOIN LATERAL (
    SELECT 'leaves ' || round(gb_area_m2(ST_Difference(c.geom, uu.u))::numeric, 1) || ' m² of the community without a grid' AS problem
    WHERE uu.u IS NULL OR gb_area_m2(ST_Difference(c.geom, uu.u)) > tol_m2
    UNION ALL
    SELECT 'reaches ' || round(gb_area_m2(ST_Difference(uu.u, c.geom))::numeric, 1) || ' m² outside the community'
    WHERE uu.u IS NOT NULL AND gb_area_m2(ST_Difference(uu.u, c.geom)) > tol_m2
  ) x
$$;
