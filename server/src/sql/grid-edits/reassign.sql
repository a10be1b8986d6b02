-- Re-assign contents to the grids that now hold them, delete removed grids. $1 survivors, $2 removed, $3 actor.
SELECT gb_grid_reassign($1::int[], $2::int[], $3)
