-- The community of a grid (read before locking, to lock the community first). $1 grid ids.
SELECT DISTINCT community_id FROM grids WHERE id = ANY($1::int[])
