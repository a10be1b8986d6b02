-- The newest version of a community and who made it. $1 community id.
SELECT id, actor, at, op FROM grid_versions WHERE community_id = $1 ORDER BY id DESC LIMIT 1
