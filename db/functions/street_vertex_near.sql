-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 019_street_graph.
CREATE OR REPLACE FUNCTION street_vertex_near(p geometry) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT v.id FROM street_vertices v ORDER BY v.geom <-> p LIMIT 1
$$;
