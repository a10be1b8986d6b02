-- Lock grids for an edit and read what the version check needs. $1 grid ids.
SELECT id, community_id, code, name, type, version, updated_by, updated_at, allow_multipart, worker_id
FROM grids WHERE id = ANY($1::int[])
ORDER BY id
FOR UPDATE
