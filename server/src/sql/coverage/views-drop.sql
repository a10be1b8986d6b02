-- Removes the views of cameras among $1 (ids) that no longer exist or no longer work.
DELETE FROM camera_coverage v
WHERE v.camera_id = ANY($1::bigint[])
  AND NOT EXISTS (SELECT 1 FROM cameras c WHERE c.id = v.camera_id AND c.status = 'working')
