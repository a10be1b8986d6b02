-- PostGIS does the spatial work; pgcrypto gives us random bytes for secrets.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Instance-wide settings shared by every server process (e.g. the token signing secret),
-- so that several processes behind one database accept each other's tokens.
CREATE TABLE app_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO app_settings (key, value) VALUES ('token_secret', encode(gen_random_bytes(32), 'hex'));
