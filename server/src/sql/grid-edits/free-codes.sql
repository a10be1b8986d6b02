-- Grids about to be removed give up their codes, so grids coming in may take them. $1 grid ids.
UPDATE grids SET code = code || '~' || id WHERE id = ANY($1::int[])
