-- Append a version row. $1 community, $2 op, $3 actor, $4 reason, $5 grid ids, $6 before, $7 after, $8 restored from.
INSERT INTO grid_versions (community_id, op, actor, reason, grid_ids, before, after, restored_from)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id, at
