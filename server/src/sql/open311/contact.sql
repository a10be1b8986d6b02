-- What a channel sent with an incident, for operators: the channel, the contact, address and media.
-- $1 incident id. No row when the incident did not come through a channel.
SELECT ch.name AS channel, ch.source, k.first_name, k.last_name, k.email, k.phone, k.device_id, k.account_id,
       r.address_string, r.media_url
FROM open311_requests r
JOIN channels ch ON ch.id = r.channel_id
LEFT JOIN incident_contacts k ON k.incident_id = r.incident_id
WHERE r.incident_id = $1
