-- Versions of a community after $2 (inclusive when $3), newest first, with their full before/after. $1 community.
SELECT id, before, after FROM grid_versions
WHERE community_id = $1 AND (id > $2 OR ($3 AND id = $2))
ORDER BY id DESC
