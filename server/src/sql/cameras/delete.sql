-- Deletes camera $1 (its view goes with it); $2 the version it must be at, or NULL for any.
DELETE FROM cameras WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING id
