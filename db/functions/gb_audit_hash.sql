-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- A row's link in the chain: sha256 of the previous row's hash followed by the row's canonical text.
CREATE OR REPLACE FUNCTION gb_audit_hash(prev_hash text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || gb_audit_row_text(r), 'UTF8')), 'hex')
$$;
