-- The audit trail (issue #13): who did what, when, from where — append-only and hash-chained.
-- Each row's hash is sha256(prev_hash || canonical text of the row) (db/functions/gb_audit.sql), so
-- a row edited or deleted behind the application's back breaks the chain where it was touched.
-- Rows are written only by gb_audit_append(), under one lock, so the chain is one line across
-- every connection and server process.
CREATE TABLE audit_log (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    integer,
  actor       text,
  role        text,
  session_id  text,
  ip          text,
  user_agent  text,
  action      text NOT NULL,
  method      text NOT NULL,
  route       text NOT NULL,
  target_kind text,
  target_ids  jsonb NOT NULL DEFAULT '[]',
  status      integer NOT NULL,
  before      jsonb,
  after       jsonb,
  detail      jsonb NOT NULL DEFAULT '{}',
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- One row: where verification starts (retention moves it) and the newest hash, so that a deleted
-- newest row is noticed too.
CREATE TABLE audit_chain (
  one             boolean PRIMARY KEY DEFAULT true CHECK (one),
  start_prev_hash text NOT NULL,
  start_seq       bigint,
  head_seq        bigint,
  head_hash       text NOT NULL,
  purged_rows     bigint NOT NULL DEFAULT 0,
  purged_at       timestamptz
);
INSERT INTO audit_chain (start_prev_hash, head_hash) VALUES (repeat('0', 64), repeat('0', 64));

-- The first version of the guard (db/functions/gb_audit_guard.sql takes over): rows are never
-- changed, and deleted only by the retention function, which says so for its own transaction.
CREATE OR REPLACE FUNCTION gb_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log'
     AND current_setting('gridboard.audit_writer', true) = 'retention' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_chain'
     AND current_setting('gridboard.audit_writer', true) IN ('append', 'retention') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION gb_audit_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION gb_audit_guard();
CREATE TRIGGER audit_chain_guarded BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION gb_audit_guard();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION gb_audit_guard();
