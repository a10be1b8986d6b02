-- Revocable sessions. Every token names a session (its `sid` claim); a token whose session has
-- ended is refused, so a logout, a password or role change, a disabled or deleted account and a
-- revoked wall screen take effect at once instead of when the token would have expired.
-- `login` sessions come from POST /api/auth/login; `wall` sessions are wall screens an admin
-- issued a link for (POST /api/wall/tokens), labelled by `screen`.
CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A deleted user's sessions go with the account (its tokens are refused: no row, no session).
  user_id       integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('login', 'wall')),
  screen        text CHECK (screen IS NULL OR (length(screen) BETWEEN 1 AND 64 AND screen !~ '[[:cntrl:]]')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  -- Touched at most once a minute per process, so a busy screen does not write on every request.
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ip            text,
  user_agent    text,
  ended_at      timestamptz,
  ended_by      text,
  end_reason    text,
  CHECK ((kind = 'wall') = (screen IS NOT NULL)),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- The liveness check and "end every session of this user" both look up live rows.
CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_live_by_expiry ON sessions (expires_at) WHERE ended_at IS NULL;

-- A password someone else chose (the generated first admin's, an admin's reset) must be replaced
-- by its owner at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
