-- Photos from the field (POST /api/media). The bytes live in the media store (disk or S3), by
-- their sha256; this table holds what was read from them and who sent them. The same uploader
-- sending the same bytes again (a phone's outbox retrying) gets the same row back.
CREATE TABLE media (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime        text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes       integer NOT NULL CHECK (bytes > 0),
  width       integer NOT NULL CHECK (width > 0),
  height      integer NOT NULL CHECK (height > 0),
  -- From the photo's EXIF, when it has them: when and where it was taken, and by what device.
  taken_at    timestamptz,
  lon         double precision CHECK (lon BETWEEN -180 AND 180),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  device      text CHECK (length(device) <= 200),
  uploaded_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX media_once_per_uploader ON media (uploaded_by, sha256);
CREATE INDEX media_sha256 ON media (sha256);

-- A step's photos (e.g. "after" photos of `handle`), as stored items with their flags.
ALTER TABLE incident_history ADD COLUMN photos jsonb NOT NULL DEFAULT '[]'::jsonb;
-- (history_entry, in db/functions/history_entry.sql, carries them to screens.)
