-- socket.io's PostgreSQL adapter passes packets between server processes with NOTIFY; payloads
-- over NOTIFY's 8000-byte limit travel through this table (the adapter cleans it up).
CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id          bigserial UNIQUE,
  created_at  timestamptz DEFAULT now(),
  payload     bytea
);
