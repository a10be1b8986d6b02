-- A community's versions, newest first. $1 community id, $2 limit, $3 grid id or NULL (only versions touching it).
SELECT id, op, actor, at, reason, grid_ids, restored_from,
       (SELECT coalesce(json_agg(json_build_object('id', b->>'id', 'code', b->>'code', 'households', b->'households', 'population', b->'population')), '[]') FROM jsonb_array_elements(before) b) AS before_counts,
       (SELECT coalesce(json_agg(json_build_object('id', a->>'id', 'code', a->>'code', 'households', a->'households', 'population', a->'population')), '[]') FROM jsonb_array_elements(after) a) AS after_counts
FROM grid_versions
WHERE community_id = $1 AND ($3::int IS NULL OR $3 = ANY(grid_ids))
ORDER BY id DESC
LIMIT $2
