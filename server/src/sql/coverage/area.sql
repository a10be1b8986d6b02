-- An area as one geometry (3857): grid $1, community $2, or the bbox $3..$6 (WGS 84); with its
-- size in km². No row or NULL geometry: no such grid or community.
SELECT x.g, ST_Area(x.g) * cos(radians(ST_Y(ST_Transform(ST_Centroid(x.g), 4326)))) ^ 2 / 1e6 AS km2
FROM (SELECT CASE
  WHEN $1::int IS NOT NULL THEN (SELECT geom_3857 FROM grids WHERE id = $1)
  WHEN $2::int IS NOT NULL THEN (SELECT ST_Transform(geom, 3857) FROM communities WHERE id = $2)
  ELSE ST_Transform(ST_MakeEnvelope($3, $4, $5, $6, 4326), 3857) END AS g) x
WHERE x.g IS NOT NULL
