-- The import's working table: one row per usable row of the file, for this transaction.
-- v: the row's values as the product spells them; g0: the geometry as read; g: as it will be stored.
CREATE TEMP TABLE imp (
  idx       integer PRIMARY KEY,
  code      text NOT NULL,
  v         jsonb NOT NULL,
  g0        geometry,
  g         geometry,
  fixes     text[] NOT NULL DEFAULT '{}',
  reject    text,
  parent_id integer,
  target_id bigint,
  outcome   text,
  problem   geometry
) ON COMMIT DROP
