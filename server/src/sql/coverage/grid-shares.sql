-- Every grid's shares, column by column (compact, for colouring the map), optionally one community ($1).
SELECT coalesce(array_agg(gc.grid_id ORDER BY gc.grid_id), '{}') AS ids,
       coalesce(array_agg(gc.area_share ORDER BY gc.grid_id), '{}') AS area,
       coalesce(array_agg(gc.road_share ORDER BY gc.grid_id), '{}') AS road,
       coalesce(array_agg(gc.keyplace_share ORDER BY gc.grid_id), '{}') AS keyplace,
       coalesce(array_agg(gc.intersection_share ORDER BY gc.grid_id), '{}') AS intersection
FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id
WHERE $1::int IS NULL OR g.community_id = $1
