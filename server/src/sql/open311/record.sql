-- What a channel sent beyond the incident: the request's address and media URL, and the
-- resident's contact when any part of it was given. Runs before the incident is created, in the
-- same transaction (the foreign keys are deferred).
-- $1 incident id, $2 channel id, $3 address_string, $4 media_url, $5 fingerprint,
-- $6 first_name, $7 last_name, $8 email, $9 phone, $10 device_id, $11 account_id
WITH req AS (
  INSERT INTO open311_requests (incident_id, channel_id, address_string, media_url, fingerprint)
  VALUES ($1, $2, $3, $4, $5)
)
INSERT INTO incident_contacts (incident_id, first_name, last_name, email, phone, device_id, account_id)
SELECT $1, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text
WHERE num_nonnulls($6::text, $7::text, $8::text, $9::text, $10::text, $11::text) > 0
