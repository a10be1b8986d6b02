-- Camera coverage: what each working camera sees on the ground, and the measures derived from
-- it per grid. Geometries are kept in Web Mercator (EPSG:3857), like the tile copies, so every
-- join uses the GiST indexes that already exist on the *_3857 columns. Web Mercator is conformal:
-- shapes and angles are true, and lengths are stretched by 1/cos(latitude) (about 1.115 here).
-- Ranges are scaled by that factor at each camera; lengths and areas are scaled back with the
-- local factor where they are stored in metres (see server/src/domain/coverage.ts).
--
-- Every table below is derived and can be rebuilt from cameras, buildings, roads, key places and
-- grids by a full recompute (POST /api/coverage/recompute, scripts/bench/coverage.ts). Foreign keys
-- with ON DELETE CASCADE keep them from outliving their sources; a reload of the city
-- (TRUNCATE … CASCADE) empties them too, and the next read recomputes.

-- The registry: optimistic concurrency for edits, and who changed a camera last.
ALTER TABLE cameras ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE cameras ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE cameras ADD COLUMN updated_by text NOT NULL DEFAULT 'system';

-- The view of each working camera: its sector (a full circle for a PTZ camera, which sweeps),
-- limited by its range, minus what buildings hide. Faulty and offline cameras have no row.
CREATE TABLE camera_coverage (
  camera_id    bigint PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
  geom         geometry(MultiPolygon, 3857) NOT NULL,
  area_m2      real NOT NULL CHECK (area_m2 >= 0),
  computed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX camera_coverage_geom_idx ON camera_coverage USING gist (geom);

-- Each road segment: how much of it lies in some camera's view, and the part that does not.
CREATE TABLE road_coverage (
  road_id      integer PRIMARY KEY REFERENCES roads (id) ON DELETE CASCADE,
  main         boolean NOT NULL,            -- arterial or secondary road (in the countryside: national, provincial, county)
  length_m     real NOT NULL CHECK (length_m >= 0),
  covered_m    real NOT NULL CHECK (covered_m >= 0),
  uncovered    geometry(MultiLineString, 3857) NOT NULL,
  computed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX road_coverage_uncovered_idx ON road_coverage USING gist (uncovered);

-- What must be watched: key places (schools, hospitals, markets, stations, …) and intersections
-- (road graph nodes where three or more road segments meet). A key place inside a building is
-- watched through the ground around it: its zone is the ground within 15 m of its footprint that
-- no building covers; it counts as covered when at least half of the zone is in view. An
-- intersection is covered when some view reaches its crossing (the ground within 12 m of its
-- centre). `main` marks crossings of main roads (three or more arms of arterial or secondary
-- road), which must all be covered. (The figures are constants in server/src/domain/coverage.ts.)
CREATE TABLE coverage_points (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL,              -- the key place's kind, or 'intersection'
  key_place_id  integer UNIQUE REFERENCES key_places (id) ON DELETE CASCADE,
  road_id       integer REFERENCES roads (id) ON DELETE CASCADE,   -- intersections: one of the roads meeting there
  name          text,
  name_zh       text,
  degree        smallint,
  main          boolean NOT NULL DEFAULT false,
  geom          geometry(Point, 4326) NOT NULL,
  geom_3857     geometry(Point, 3857) NOT NULL,
  zone          geometry(MultiPolygon, 3857),
  zone_m2       real,
  seen_share    real NOT NULL DEFAULT 0 CHECK (seen_share >= 0 AND seen_share <= 1.0001),
  covered       boolean NOT NULL DEFAULT false,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((key_place_id IS NULL) <> (road_id IS NULL))
);
CREATE INDEX coverage_points_geom_idx ON coverage_points USING gist (geom_3857);
CREATE INDEX coverage_points_zone_idx ON coverage_points USING gist (zone) WHERE zone IS NOT NULL;

-- The measures of each grid. Roads on a grid's boundary count for both grids beside them, and
-- so do intersections on its corners; community and city figures count each road and point once.
CREATE TABLE grid_coverage (
  grid_id                     integer PRIMARY KEY REFERENCES grids (id) ON DELETE CASCADE,
  area_m2                     double precision NOT NULL CHECK (area_m2 >= 0),
  covered_m2                  double precision NOT NULL CHECK (covered_m2 >= 0),
  road_m                      double precision NOT NULL,
  road_covered_m              double precision NOT NULL,
  main_road_m                 double precision NOT NULL,
  main_road_covered_m         double precision NOT NULL,
  keyplaces                   integer NOT NULL,
  keyplaces_covered           integer NOT NULL,
  intersections               integer NOT NULL,
  intersections_covered       integer NOT NULL,
  main_intersections          integer NOT NULL,
  main_intersections_covered  integer NOT NULL,
  cameras                     integer NOT NULL,
  cameras_working             integer NOT NULL,
  covered                     geometry(MultiPolygon, 3857) NOT NULL,   -- the part of the grid in some view
  area_share                  real GENERATED ALWAYS AS (CASE WHEN area_m2 > 0 THEN least(1, covered_m2 / area_m2) END) STORED,
  road_share                  real GENERATED ALWAYS AS (CASE WHEN road_m > 0 THEN least(1, road_covered_m / road_m) END) STORED,
  keyplace_share              real GENERATED ALWAYS AS (CASE WHEN keyplaces > 0 THEN keyplaces_covered::real / keyplaces END) STORED,
  intersection_share          real GENERATED ALWAYS AS (CASE WHEN intersections > 0 THEN intersections_covered::real / intersections END) STORED,
  computed_at                 timestamptz NOT NULL DEFAULT now(),
  CHECK (covered_m2 <= area_m2 * 1.0001 + 0.01)
);
-- Covered ground is rewritten on every recompute and barely compresses: store it uncompressed.
ALTER TABLE grid_coverage ALTER COLUMN covered SET STORAGE EXTERNAL;

-- When the last full recompute ran (one row).
CREATE TABLE coverage_state (
  id                boolean PRIMARY KEY DEFAULT true CHECK (id),
  full_started_at   timestamptz,
  full_finished_at  timestamptz,
  full_seconds      real
);
INSERT INTO coverage_state DEFAULT VALUES;
