-- Live delivery: events carry the area they concern, so a screen that follows one district or
-- community replays only its own events; incidents remember duplicates, assignment and score.
ALTER TABLE events ADD COLUMN district_id integer;
ALTER TABLE events ADD COLUMN community_id integer;
CREATE INDEX events_created_at_idx ON events (created_at);

ALTER TABLE incidents ADD COLUMN duplicate_of uuid REFERENCES incidents (id);
ALTER TABLE incidents ADD COLUMN assigned_unit_id integer REFERENCES patrol_units (id);
ALTER TABLE incidents ADD COLUMN department text;
ALTER TABLE incidents ADD COLUMN evaluation smallint CHECK (evaluation BETWEEN 1 AND 5);
-- When the overdue event for the current step went out (so it is pushed once per step).
ALTER TABLE incidents ADD COLUMN overdue_notified_at timestamptz;
CREATE INDEX incidents_open_updated_idx ON incidents (updated_at) WHERE closed_at IS NULL;
CREATE INDEX incidents_open_category_idx ON incidents (category, reported_at) WHERE closed_at IS NULL;
