-- Incidents and their append-only history. The id is chosen by the reporting device so that
-- a retried report is stored once.
CREATE TABLE incidents (
  id                uuid PRIMARY KEY,
  category          text NOT NULL CHECK (category IN ('dispute', 'public_security', 'fire_safety', 'environment',
                      'facilities', 'civil_affairs', 'elderly_care', 'policy', 'lost_found')),
  grade             text NOT NULL CHECK (grade IN ('routine', 'key', 'difficult')),
  status            text NOT NULL CHECK (status IN ('reported', 'accepted', 'dispatched', 'handled', 'verified',
                      'archived', 'evaluated', 'rejected', 'duplicate', 'escalated')),
  source            text NOT NULL DEFAULT 'grid_worker' CHECK (source IN ('grid_worker', 'hotline', 'camera', 'patrol', 'public')),
  description       text NOT NULL DEFAULT '',
  photos            jsonb NOT NULL DEFAULT '[]'::jsonb,
  reported_by       text NOT NULL,
  reported_at       timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  closed_at         timestamptz,
  version           integer NOT NULL DEFAULT 1,
  grid_id           integer REFERENCES grids (id) ON DELETE SET NULL,
  community_id      integer REFERENCES communities (id),
  street_office_id  integer REFERENCES street_offices (id),
  district_id       integer REFERENCES districts (id),
  geom              geometry(Point, 4326) NOT NULL
);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);
CREATE INDEX incidents_reported_at_idx ON incidents (reported_at);
CREATE INDEX incidents_grid_idx ON incidents (grid_id);
CREATE INDEX incidents_open_idx ON incidents (status) WHERE closed_at IS NULL;

CREATE TABLE incident_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incidents (id),
  action       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL,
  note         text NOT NULL DEFAULT '',
  at           timestamptz NOT NULL,
  geom         geometry(Point, 4326)
);
CREATE INDEX incident_history_incident_idx ON incident_history (incident_id, at);

-- History is evidence: it may be appended to, never rewritten.
CREATE FUNCTION incident_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_history is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER incident_history_no_update BEFORE UPDATE OR DELETE ON incident_history
  FOR EACH ROW EXECUTE FUNCTION incident_history_append_only();
