-- Makes roads what the file says, touching only what differs: a road already there with the
-- same class, names and geometry (byte for byte) keeps its row and id, so its camera coverage
-- (road_coverage, coverage_points cascade from roads) survives a re-import; every other old
-- road is deleted and every new one inserted. Duplicates pair off one to one (k).
WITH old AS (
  SELECT id, fp, row_number() OVER (PARTITION BY fp ORDER BY id) AS k
  FROM (SELECT id, md5(ROW(class, name, name_zh, ST_AsEWKB(geom))::text) AS fp FROM roads) o
), new AS (
  SELECT ord, fp, row_number() OVER (PARTITION BY fp ORDER BY ord) AS k
  FROM (SELECT ord, md5(ROW(class, name, name_zh, ST_AsEWKB(geom))::text) AS fp FROM bm_roads) n
), pairs AS (
  SELECT old.id, new.ord FROM old FULL JOIN new ON new.fp = old.fp AND new.k = old.k
), del AS (
  DELETE FROM roads r USING pairs p WHERE p.ord IS NULL AND r.id = p.id RETURNING 1
), ins AS (
  INSERT INTO roads (class, name, name_zh, geom)
  SELECT b.class, b.name, b.name_zh, b.geom FROM bm_roads b JOIN pairs p ON p.ord = b.ord
  WHERE p.id IS NULL ORDER BY b.ord
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS inserted,
       (SELECT count(*) FROM del)::int AS removed,
       (SELECT count(*) FROM pairs WHERE id IS NOT NULL AND ord IS NOT NULL)::int AS unchanged
