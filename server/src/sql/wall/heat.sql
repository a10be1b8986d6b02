-- Incidents reported in the heatmap window as one packed binary: per incident three float4
-- (lon, lat, weight by grade), big-endian as float4send writes them (the route swaps them to
-- the little-endian order browsers' Float32Array reads). $1 hours back from now.
SELECT count(*)::int AS n,
       coalesce(string_agg(float4send(ST_X(geom)::float4) || float4send(ST_Y(geom)::float4) ||
                           float4send(CASE grade WHEN 'difficult' THEN 3 WHEN 'key' THEN 2 ELSE 1 END::float4), ''::bytea), ''::bytea) AS data
FROM incidents
WHERE reported_at > now() - make_interval(hours => $1);
