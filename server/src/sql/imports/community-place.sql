-- Where a new community would go. $1 GeoJSON area.
-- The street office holding most of it, how much lies outside that office, and the communities it
-- takes area from (with what each would keep).
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom),
v AS (SELECT ST_IsValid(geom) AS valid, CASE WHEN ST_IsValid(geom) THEN NULL ELSE ST_IsValidReason(geom) END AS reason FROM a),
so AS (
  SELECT s.id, s.code, s.district_id, gb_area_m2(ST_Intersection(s.geom, a.geom)) AS m2, gb_area_m2(ST_Difference(a.geom, s.geom)) AS outside_m2
  FROM street_offices s, a, v WHERE v.valid AND s.geom && a.geom AND ST_Intersects(s.geom, a.geom)
  ORDER BY 4 DESC LIMIT 1
)
SELECT v.valid, v.reason, gb_area_m2(a.geom) AS area_m2,
       so.id AS street_office_id, so.code AS street_office_code, so.outside_m2,
       CASE WHEN v.valid THEN (SELECT coalesce(json_agg(json_build_object(
           'id', c.id, 'code', c.code, 'kind', c.kind, 'taken_m2', gb_area_m2(ST_Intersection(c.geom, a.geom)),
           'kept_m2', gb_area_m2(ST_Difference(c.geom, a.geom))) ORDER BY c.id), '[]'::json)
         FROM communities c WHERE c.geom && a.geom AND ST_Relate(c.geom, a.geom, '2********')) END AS communities
FROM a, v LEFT JOIN so ON true
