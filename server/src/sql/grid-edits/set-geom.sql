-- Write a grid's new boundary and bump its version. $1 id, $2 EWKB, $3 actor.
UPDATE grids SET geom = ST_Multi(ST_SetSRID($2::geometry, 4326)), version = version + 1, updated_at = now(), updated_by = $3
WHERE id = $1
