-- A new grid (a piece of a split, a partition's grid, a restored grid with its old id).
-- $1 id or NULL, $2 community, $3 code, $4 name, $5 type, $6 allow_multipart, $7 EWKB, $8 actor, $9 version, $10 worker id.
INSERT INTO grids (id, community_id, code, name, type, allow_multipart, geom, updated_by, version, worker_id)
OVERRIDING SYSTEM VALUE
VALUES (coalesce($1::int, nextval(pg_get_serial_sequence('grids', 'id'))::int), $2, $3, $4, $5, $6,
        ST_Multi(ST_SetSRID($7::geometry, 4326)), $8, $9, $10)
RETURNING id
