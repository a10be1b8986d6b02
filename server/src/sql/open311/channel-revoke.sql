-- Revokes a channel by id ($1) or name ($2); a channel revoked before keeps its first revoked_at.
UPDATE channels c SET revoked_at = coalesce(c.revoked_at, now())
WHERE c.id = $1 OR c.name = $2
RETURNING c.id, c.name, c.source, c.key_prefix, c.created_by, c.created_at, c.revoked_at, c.last_used_at,
          (SELECT count(*)::int FROM open311_requests r WHERE r.channel_id = c.id) AS requests
