-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 016_notify_with_payload.
-- Carry the committed event itself in the NOTIFY (when it fits PostgreSQL's 8000-byte limit),
-- so the live hub can forward it without reading it back; larger events send only their seq
-- and the hub reads them from the table. Either way NOTIFY is delivered only on commit.
CREATE OR REPLACE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  msg text;
BEGIN
  msg := json_build_object(
    'seq', NEW.seq, 'type', NEW.type, 'payload', NEW.payload,
    'district_id', NEW.district_id, 'community_id', NEW.community_id, 'created_at', NEW.created_at)::text;
  IF octet_length(msg) > 7900 THEN
    msg := NEW.seq::text;
  END IF;
  PERFORM pg_notify('gridboard_events', msg);
  RETURN NULL;
END $$;
