-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- Appends one audit row and returns its seq. The transaction-level advisory lock (and the head row's
-- lock) make every writer, in every server process, wait its turn: the seq order is the chain order
-- and each row links to the one written just before it.
-- p: {actor_id, actor, role, session_id, ip, user_agent, action, method, route, target_kind,
--     target_ids, status, before, after, detail}; absent keys are null.
CREATE OR REPLACE FUNCTION gb_audit_append(p jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  r audit_log;
BEGIN
  PERFORM pg_advisory_xact_lock(727013);
  SELECT head_hash INTO r.prev_hash FROM audit_chain FOR UPDATE;
  r.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  r.at := clock_timestamp();
  r.actor_id := (p->>'actor_id')::int;
  r.actor := p->>'actor';
  r.role := p->>'role';
  r.session_id := p->>'session_id';
  r.ip := p->>'ip';
  r.user_agent := left(p->>'user_agent', 300);
  r.action := p->>'action';
  r.method := p->>'method';
  r.route := left(p->>'route', 300);
  r.target_kind := p->>'target_kind';
  r.target_ids := coalesce(p->'target_ids', '[]');
  r.status := (p->>'status')::int;
  r.before := nullif(p->'before', 'null');
  r.after := nullif(p->'after', 'null');
  r.detail := coalesce(nullif(p->'detail', 'null'), '{}');
  r.hash := gb_audit_hash(r.prev_hash, r);
  INSERT INTO audit_log SELECT r.*;
  PERFORM set_config('gridboard.audit_writer', 'append', true);
  UPDATE audit_chain SET head_seq = r.seq, head_hash = r.hash,
    start_seq = coalesce(start_seq, r.seq);
  PERFORM set_config('gridboard.audit_writer', '', true);
  RETURN r.seq;
END $$;
