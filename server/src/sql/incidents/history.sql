-- An incident's history, oldest first. $1 incident id.
SELECT action, from_status, to_status, actor, note, at, ST_X(geom) AS lon, ST_Y(geom) AS lat, photos
FROM incident_history WHERE incident_id = $1 ORDER BY at, id;
