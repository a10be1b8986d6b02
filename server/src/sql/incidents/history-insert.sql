-- $1 incident, $2 action, $3 from, $4 to, $5 actor, $6 note, $7 lon or NULL, $8 lat or NULL
INSERT INTO incident_history (incident_id, action, from_status, to_status, actor, note, at, geom)
VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(),
        CASE WHEN $7::float8 IS NULL OR $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7, $8), 4326) END)
RETURNING action, from_status, to_status, actor, note, at, ST_X(geom) AS lon, ST_Y(geom) AS lat;
