-- As replace-roads.sql, for water: unchanged areas keep their rows, the rest is replaced.
WITH old AS (
  SELECT id, fp, row_number() OVER (PARTITION BY fp ORDER BY id) AS k
  FROM (SELECT id, md5(ROW(kind, name, name_zh, ST_AsEWKB(geom))::text) AS fp FROM water) o
), new AS (
  SELECT seq, fp, row_number() OVER (PARTITION BY fp ORDER BY seq) AS k
  FROM (SELECT seq, md5(ROW(kind, name, name_zh, ST_AsEWKB(geom))::text) AS fp FROM bm_in_water
        WHERE reason IS NULL) n
), pairs AS (
  SELECT old.id, new.seq FROM old FULL JOIN new ON new.fp = old.fp AND new.k = old.k
), del AS (
  DELETE FROM water w USING pairs p WHERE p.seq IS NULL AND w.id = p.id RETURNING 1
), ins AS (
  INSERT INTO water (kind, name, name_zh, geom)
  SELECT b.kind, b.name, b.name_zh, b.geom FROM bm_in_water b JOIN pairs p ON p.seq = b.seq
  WHERE p.id IS NULL ORDER BY b.seq
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS inserted,
       (SELECT count(*) FROM del)::int AS removed,
       (SELECT count(*) FROM pairs WHERE id IS NOT NULL AND seq IS NOT NULL)::int AS unchanged
