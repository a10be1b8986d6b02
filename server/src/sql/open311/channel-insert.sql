-- A new channel. $1 name, $2 source, $3 key sha256, $4 key prefix, $5 created by.
INSERT INTO channels (name, source, key_hash, key_prefix, created_by)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, name, source, key_prefix, created_by, created_at, revoked_at, last_used_at, 0 AS requests
