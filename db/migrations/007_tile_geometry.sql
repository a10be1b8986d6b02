-- Web Mercator copies of the geometries that are served as vector tiles. Tiles are cut in
-- EPSG:3857; keeping a stored, indexed copy spares ST_Transform on every feature of every tile
-- request (the dominant cost for polygons at city scale). Generated columns keep them in step.
ALTER TABLE grids     ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE buildings ADD COLUMN geom_3857 geometry(Polygon, 3857)      GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE roads     ADD COLUMN geom_3857 geometry(LineString, 3857)   GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE water     ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE landuse   ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE cameras   ADD COLUMN geom_3857 geometry(Point, 3857)        GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE incidents ADD COLUMN geom_3857 geometry(Point, 3857)        GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE key_places ADD COLUMN geom_3857 geometry(Point, 3857)       GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;

CREATE INDEX grids_geom_3857_idx      ON grids      USING gist (geom_3857);
CREATE INDEX buildings_geom_3857_idx  ON buildings  USING gist (geom_3857);
CREATE INDEX roads_geom_3857_idx      ON roads      USING gist (geom_3857);
CREATE INDEX water_geom_3857_idx      ON water      USING gist (geom_3857);
CREATE INDEX landuse_geom_3857_idx    ON landuse    USING gist (geom_3857);
CREATE INDEX cameras_geom_3857_idx    ON cameras    USING gist (geom_3857);
CREATE INDEX incidents_geom_3857_idx  ON incidents  USING gist (geom_3857);
CREATE INDEX key_places_geom_3857_idx ON key_places USING gist (geom_3857);
