-- The ground the current views of cameras $1 cover, as one geometry (3857), or NULL.
SELECT ST_Collect(geom) AS region FROM camera_coverage WHERE camera_id = ANY($1::bigint[])
