-- Resolve a community named by id or code. $1 id or NULL, $2 code or NULL.
SELECT id FROM communities WHERE id = $1 OR code = $2 LIMIT 1
