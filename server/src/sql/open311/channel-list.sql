-- Every channel, live ones first, with the number of requests each has filed.
SELECT c.id, c.name, c.source, c.key_prefix, c.created_by, c.created_at, c.revoked_at, c.last_used_at,
       (SELECT count(*)::int FROM open311_requests r WHERE r.channel_id = c.id) AS requests
FROM channels c
ORDER BY c.revoked_at IS NOT NULL, c.name
