-- Redraws the zones of the key places within the bbox $1..$4 (WGS 84) after buildings changed
-- there (same rule as points-keyplaces: ground within $5 m of the place's footprint, less
-- buildings). Returns the ids of the points redrawn.
WITH p AS (
  SELECT cp.id, k.geom, k.geom_3857 FROM coverage_points cp JOIN key_places k ON k.id = cp.key_place_id
  WHERE k.geom && ST_Expand(ST_MakeEnvelope($1, $2, $3, $4, 4326), 0.01)
), z AS (
  SELECT p.id, s.k, zz.zone
  FROM p
  CROSS JOIN LATERAL (
    SELECT cos(radians(ST_Y(p.geom))) AS k,
           coalesce((SELECT b.geom_3857 FROM buildings b WHERE b.geom_3857 && p.geom_3857 AND ST_Intersects(b.geom_3857, p.geom_3857) LIMIT 1),
                    p.geom_3857) AS site
  ) s
  CROSS JOIN LATERAL (SELECT ST_Buffer(s.site, $5::float8 / s.k, 4) AS disc) d
  CROSS JOIN LATERAL (
    SELECT ST_Multi(ST_CollectionExtract(coalesce(ST_Difference(d.disc, (
      SELECT ST_Union(b.geom_3857) FROM buildings b WHERE b.geom_3857 && d.disc AND ST_Intersects(b.geom_3857, d.disc))), d.disc), 3)) AS zone
  ) zz
)
UPDATE coverage_points cp SET zone = z.zone, zone_m2 = ST_Area(z.zone) * z.k ^ 2
FROM z WHERE cp.id = z.id
RETURNING cp.id
