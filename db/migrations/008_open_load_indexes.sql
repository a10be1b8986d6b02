-- Open incidents per grid are counted on every grid tile and grid list: a partial index on
-- the open ones keeps that an index-only count even with months of closed history.
CREATE INDEX incidents_open_grid_idx ON incidents (grid_id) WHERE closed_at IS NULL;
CREATE INDEX incidents_community_idx ON incidents (community_id);
CREATE INDEX cameras_status_idx ON cameras (status);
