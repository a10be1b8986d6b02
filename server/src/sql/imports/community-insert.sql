-- Insert a new community: the drawn area snapped to the grid edges around it (2 m, so no slivers
-- are left beside the communities it is carved from) and clipped to its street office.
-- $1 GeoJSON, $2 street office, $3 code, $4 name, $5 name_zh, $6 kind, $7 snap tolerance (degrees).
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom),
ref AS (SELECT ST_Collect(ST_Boundary(g.geom)) AS geom FROM grids g, a WHERE g.geom && ST_Expand(a.geom, $7::float8 * 2)),
s AS (SELECT geom FROM street_offices WHERE id = $2),
shaped AS (
  SELECT gb_clean(ST_Intersection(CASE WHEN ref.geom IS NULL THEN a.geom ELSE ST_Snap(a.geom, ref.geom, $7) END, s.geom)) AS geom
  FROM a, ref, s
)
INSERT INTO communities (street_office_id, code, name, name_zh, kind, geom)
SELECT $2, $3, $4, $5, $6, shaped.geom FROM shaped WHERE NOT ST_IsEmpty(shaped.geom)
RETURNING id
