-- The request a device sent with the same content within the retry window, if any.
-- $1 channel id, $2 fingerprint, $3 window in seconds.
SELECT incident_id FROM open311_requests
WHERE channel_id = $1 AND fingerprint = $2 AND received_at > now() - make_interval(secs => $3)
ORDER BY received_at DESC LIMIT 1
