-- The channel of a key ($1: its sha256). last_used_at is written at most once a minute, so that
-- a busy channel's requests do not queue behind one row.
WITH k AS (SELECT id, name, source, revoked_at FROM channels WHERE key_hash = $1),
touched AS (
  UPDATE channels c SET last_used_at = now()
  FROM k
  WHERE c.id = k.id AND k.revoked_at IS NULL
    AND (c.last_used_at IS NULL OR c.last_used_at < now() - interval '1 minute')
  RETURNING c.id
)
SELECT k.id, k.name, k.source, k.revoked_at IS NOT NULL AS revoked, (SELECT count(*) FROM touched) AS touched
FROM k
