-- The routable street network: pgRouting over the city's own roads. Every road row is one
-- street segment between two crossings (the fixture and imports keep roads noded), so the
-- topology is the set of distinct segment ends. Cost is metres; a unit's travel time is its
-- distance divided by its own speed (walking grid worker, driving patrol team).
CREATE EXTENSION IF NOT EXISTS pgrouting;

CREATE TABLE street_vertices (
  id    integer PRIMARY KEY,
  -- Coordinates in 1e-7 degrees: exact keys to join segment ends on, without float equality.
  kx    bigint NOT NULL,
  ky    bigint NOT NULL,
  geom  geometry(Point, 4326) NOT NULL,
  UNIQUE (kx, ky)
);
CREATE INDEX street_vertices_geom_idx ON street_vertices USING gist (geom);

ALTER TABLE roads ADD COLUMN source integer, ADD COLUMN target integer, ADD COLUMN length_m float8;
CREATE INDEX roads_source_idx ON roads (source);
CREATE INDEX roads_target_idx ON roads (target);

-- Each unit's and key place's nearest street crossing, kept current so that a nearest-unit
-- search joins on it instead of snapping 10,000 points per request.
ALTER TABLE patrol_units ADD COLUMN vertex_id integer;
CREATE INDEX patrol_units_vertex_idx ON patrol_units (vertex_id);
ALTER TABLE key_places ADD COLUMN vertex_id integer;

CREATE FUNCTION street_vertex_near(p geometry) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT v.id FROM street_vertices v ORDER BY v.geom <-> p LIMIT 1
$$;

-- (Re)builds the topology after roads were loaded or changed; returns the number of vertices.
CREATE FUNCTION build_street_graph() RETURNS integer LANGUAGE plpgsql AS $$
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

SELECT build_street_graph();
