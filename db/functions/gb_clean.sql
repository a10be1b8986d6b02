-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 018_grid_edits.
-- A polygonal geometry cleaned of crumbs: valid, polygons only, parts under `crumb_m2` dropped.
-- Set operations on boundaries that meet at slightly different vertices leave such crumbs;
-- dropping them leaves gaps far below the tiling tolerance.
CREATE OR REPLACE FUNCTION gb_clean(g geometry, crumb_m2 double precision DEFAULT 0.5) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Multi(coalesce(ST_Collect(d.geom ORDER BY d.path), ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)))
  FROM ST_Dump(ST_CollectionExtract(ST_MakeValid(g), 3)) d
  WHERE gb_area_m2(d.geom) >= crumb_m2
$$;
