-- The field side: a grid worker signs in on a phone as a user with the role `worker`, linked to
-- the patrol unit (the grid worker) whose tasks, fixes and visits are theirs.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('wall', 'operator', 'planner', 'admin', 'worker'));
ALTER TABLE users ADD COLUMN unit_id integer REFERENCES patrol_units (id) ON DELETE SET NULL;
-- A worker without a unit could report nothing as anyone: the link is required for that role.
ALTER TABLE users ADD CONSTRAINT users_worker_has_unit CHECK (role <> 'worker' OR unit_id IS NOT NULL);
-- One account per unit: a unit's tasks reach one phone user.
CREATE UNIQUE INDEX users_unit_once ON users (unit_id) WHERE unit_id IS NOT NULL;

-- Household and building visits (走访) logged by grid workers; they count in the assessment.
-- The id is chosen by the phone, so that a visit resent from its outbox is stored once.
CREATE TABLE visits (
  id           uuid PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES patrol_units (id),
  user_id      integer REFERENCES users (id) ON DELETE SET NULL,
  grid_id      integer,
  building_id  integer,
  household    text CHECK (household IS NULL OR length(household) <= 200),
  who          text NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
  found        text NOT NULL DEFAULT '' CHECK (length(found) <= 2000),
  photos       jsonb NOT NULL DEFAULT '[]'::jsonb,
  visited_at   timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  geom         geometry(Point, 4326)
);
CREATE INDEX visits_unit_time ON visits (unit_id, visited_at);
CREATE INDEX visits_grid_time ON visits (grid_id, visited_at);
