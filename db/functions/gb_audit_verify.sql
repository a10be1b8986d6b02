-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 027_audit.
-- Walks the chain from its recorded start and returns the seq of the first row that does not hold:
-- an edited row (its hash no longer matches its content), the row after a deleted one (its
-- prev_hash no longer matches), or, when the newest rows were deleted, the head's recorded seq.
-- Null when the whole chain holds.
CREATE OR REPLACE FUNCTION gb_audit_verify() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  c audit_chain;
  r audit_log;
  prev text;
BEGIN
  SELECT * INTO c FROM audit_chain;
  prev := c.start_prev_hash;
  FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
    IF r.prev_hash IS DISTINCT FROM prev OR r.hash IS DISTINCT FROM gb_audit_hash(prev, r) THEN
      RETURN r.seq;
    END IF;
    prev := r.hash;
  END LOOP;
  IF prev IS DISTINCT FROM c.head_hash THEN
    RETURN coalesce(c.head_seq, 0);
  END IF;
  RETURN NULL;
END $$;
