-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 019_street_graph.
-- (Re)builds the topology after roads were loaded or changed; returns the number of vertices.
CREATE OR REPLACE FUNCTION build_street_graph() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  DELETE FROM street_vertices;
  INSERT INTO street_vertices (id, kx, ky, geom)
  SELECT row_number() OVER (ORDER BY kx, ky)::int, kx, ky, ST_SetSRID(ST_MakePoint(kx / 1e7, ky / 1e7), 4326)
  FROM (
    SELECT round(ST_X(ST_StartPoint(geom)) * 1e7)::bigint AS kx, round(ST_Y(ST_StartPoint(geom)) * 1e7)::bigint AS ky FROM roads
    UNION
    SELECT round(ST_X(ST_EndPoint(geom)) * 1e7)::bigint, round(ST_Y(ST_EndPoint(geom)) * 1e7)::bigint FROM roads
  ) ends;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE roads r SET source = s.id, target = e.id, length_m = ST_Length(r.geom::geography)
  FROM street_vertices s, street_vertices e
  WHERE s.kx = round(ST_X(ST_StartPoint(r.geom)) * 1e7)::bigint AND s.ky = round(ST_Y(ST_StartPoint(r.geom)) * 1e7)::bigint
    AND e.kx = round(ST_X(ST_EndPoint(r.geom)) * 1e7)::bigint AND e.ky = round(ST_Y(ST_EndPoint(r.geom)) * 1e7)::bigint;
  ANALYZE street_vertices;
  UPDATE patrol_units SET vertex_id = street_vertex_near(last_geom) WHERE last_geom IS NOT NULL;
  UPDATE key_places SET vertex_id = street_vertex_near(geom);
  RETURN n;
END $$;
