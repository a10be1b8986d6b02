-- The city's extent and centre, from its districts.
SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat,
       ST_X(ST_Centroid(e)) AS lon, ST_Y(ST_Centroid(e)) AS lat
FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) x
WHERE e IS NOT NULL;
