-- Grids without measures, or redrawn since their measures were taken.
SELECT g.id FROM grids g LEFT JOIN grid_coverage c ON c.grid_id = g.id
WHERE c.grid_id IS NULL OR c.computed_at < g.updated_at
ORDER BY g.id
