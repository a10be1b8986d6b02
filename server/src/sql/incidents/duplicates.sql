-- Likely duplicates of a report: open incidents of the same category within $4 metres and
-- $5 hours of it (FixMyStreet's approach), nearest first. $1 id to exclude (or NULL),
-- $2 lon, $3 lat, $4 radius m, $5 window h, $6 category, $7 reference time.
SELECT s.*, round(ST_Distance(i.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography)::numeric, 1)::float8 AS distance_m
FROM incidents i
JOIN incident_summaries s ON s.id = i.id
WHERE i.closed_at IS NULL
  AND i.category = $6
  AND ($1::uuid IS NULL OR i.id <> $1)
  AND i.reported_at BETWEEN $7::timestamptz - make_interval(hours => $5) AND $7::timestamptz + interval '1 hour'
  AND ST_DWithin(i.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, $4)
ORDER BY distance_m
LIMIT 10;
