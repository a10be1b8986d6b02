-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- Retention: deletes the oldest rows, older than keep_days, as one whole prefix of the chain, and
-- records where the chain now starts (the hash the first kept row links to), so verification
-- still covers every row kept. A prefix is never cut past a break: a tampered row stays as evidence.
-- as_of is "now" (tests move it). Returns the number of rows deleted; the purge is itself recorded in the trail.
CREATE OR REPLACE FUNCTION gb_audit_purge(keep_days integer, as_of timestamptz DEFAULT now()) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  cut bigint;
  broken bigint;
  new_prev text;
  n bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(727013);
  SELECT max(seq) INTO cut FROM audit_log WHERE at < as_of - make_interval(days => keep_days);
  IF cut IS NULL THEN RETURN 0; END IF;
  broken := gb_audit_verify();
  IF broken IS NOT NULL AND broken <= cut THEN
    cut := (SELECT max(seq) FROM audit_log WHERE seq < broken);
    IF cut IS NULL THEN RETURN 0; END IF;
  END IF;
  SELECT hash INTO new_prev FROM audit_log WHERE seq = cut;
  PERFORM set_config('gridboard.audit_writer', 'retention', true);
  DELETE FROM audit_log WHERE seq <= cut;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE audit_chain SET start_prev_hash = new_prev,
    start_seq = (SELECT min(seq) FROM audit_log), purged_rows = purged_rows + n, purged_at = now();
  PERFORM set_config('gridboard.audit_writer', '', true);
  PERFORM gb_audit_append(jsonb_build_object(
    'action', 'retention', 'method', 'JOB', 'route', 'audit retention', 'status', 200,
    'detail', jsonb_build_object('deleted_rows', n, 'through_seq', cut, 'keep_days', keep_days)));
  RETURN n;
END $$;
