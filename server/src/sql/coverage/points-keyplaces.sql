-- Rebuilds the key places to watch (after `DELETE FROM coverage_points`). A place inside a
-- building is watched through the ground within $1 m of that building's footprint; an open place
-- (a square) through the ground within $1 m of its point. Ground under buildings is left out.
INSERT INTO coverage_points (kind, key_place_id, name, name_zh, geom, geom_3857, zone, zone_m2)
SELECT k.kind, k.id, k.name, k.name_zh, k.geom, k.geom_3857, z.zone, ST_Area(z.zone) * s.k ^ 2
FROM key_places k
CROSS JOIN LATERAL (
  SELECT cos(radians(ST_Y(k.geom))) AS k,
         coalesce((SELECT b.geom_3857 FROM buildings b WHERE b.geom_3857 && k.geom_3857 AND ST_Intersects(b.geom_3857, k.geom_3857) LIMIT 1),
                  k.geom_3857) AS site
) s
CROSS JOIN LATERAL (SELECT ST_Buffer(s.site, $1::float8 / s.k, 4) AS disc) d
CROSS JOIN LATERAL (
  SELECT ST_Multi(ST_CollectionExtract(coalesce(ST_Difference(d.disc, (
    SELECT ST_Union(b.geom_3857) FROM buildings b WHERE b.geom_3857 && d.disc AND ST_Intersects(b.geom_3857, d.disc))), d.disc), 3)) AS zone
) z
