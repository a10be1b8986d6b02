-- The street graph (build_street_graph) joins roads at their end points only, so every road row
-- must run from one junction to the next. An OSM way runs on through many junctions, which it
-- shares with the crossing ways as a common node: each way is cut at every node that another
-- way (or the same way, further on) also passes through. Nodes are matched on 1e-7 degrees, the
-- precision OSM stores and build_street_graph keys on. A bridge shares no node with the road
-- below it, so it is not cut there.
CREATE TEMP TABLE bm_roads ON COMMIT DROP AS
WITH pts AS (
  SELECT r.seq, d.path[1] AS i, d.geom AS g, ST_NPoints(r.geom) AS n,
         round(ST_X(d.geom) * 1e7)::bigint AS kx, round(ST_Y(d.geom) * 1e7)::bigint AS ky
  FROM bm_in_roads r, LATERAL ST_DumpPoints(r.geom) d
  WHERE r.reason IS NULL
), shared AS (
  SELECT kx, ky FROM pts GROUP BY kx, ky HAVING count(*) > 1
), cut AS (
  SELECT p.seq, p.i, p.g, (p.i = 1 OR p.i = p.n OR s.kx IS NOT NULL) AS cut
  FROM pts p LEFT JOIN shared s ON s.kx = p.kx AND s.ky = p.ky
), part AS (
  -- part: how many cuts after the first point lie at or before this one; a cut point ends the
  -- part before it and starts its own.
  SELECT seq, i, g, cut, count(*) FILTER (WHERE cut AND i > 1) OVER (PARTITION BY seq ORDER BY i) AS part
  FROM cut
), pieces AS (
  SELECT seq, part, ST_MakeLine(g ORDER BY i) AS geom
  FROM (SELECT seq, i, g, part FROM part UNION ALL SELECT seq, i, g, part - 1 FROM part WHERE cut AND i > 1) x
  GROUP BY seq, part
  HAVING count(*) > 1
)
SELECT row_number() OVER (ORDER BY p.seq, p.part) AS ord, r.code, r.class, r.name, r.name_zh, p.geom
FROM pieces p JOIN bm_in_roads r ON r.seq = p.seq
WHERE ST_IsValid(p.geom)
