-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- The canonical text of an audit row, hashed into the chain: every column but the hashes, as a
-- JSON array (nulls stay distinct from empty strings; jsonb prints its objects in one fixed order),
-- the time in UTC to the microsecond so that the session's time zone does not change the text.
CREATE OR REPLACE FUNCTION gb_audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_id, r.actor, r.role,
    r.session_id, r.ip, r.user_agent, r.action, r.method, r.route, r.target_kind, r.target_ids, r.status,
    r.before, r.after, r.detail)::text
$$;
