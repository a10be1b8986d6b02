-- Key places no unit can reach within $1 minutes right now. All units of a kind start at once:
-- a virtual crossing 0 joined at no cost to every unit's crossing, so ONE bounded Dijkstra per
-- kind (walkers at $2 m/s, drivers at $3 m/s) finds the nearest unit's distance to every crossing.
-- A key place is reached when its crossing is.
WITH reached AS (
  SELECT d.node, d.agg_cost / $2::float8 AS seconds FROM pgr_drivingDistance(
    'SELECT id, source, target, length_m AS cost FROM roads
     UNION ALL
     SELECT -row_number() OVER (), 0, vertex_id, 0 FROM (SELECT DISTINCT vertex_id FROM patrol_units
       WHERE vertex_id IS NOT NULL AND status = ''on_patrol'' AND kind = ''grid_worker'') w',
    0, $1::float8 * 60 * $2::float8, directed => false) d
  UNION ALL
  SELECT d.node, d.agg_cost / $3::float8 FROM pgr_drivingDistance(
    'SELECT id, source, target, length_m AS cost FROM roads
     UNION ALL
     SELECT -row_number() OVER (), 0, vertex_id, 0 FROM (SELECT DISTINCT vertex_id FROM patrol_units
       WHERE vertex_id IS NOT NULL AND status = ''on_patrol'' AND kind = ''patrol_team'') t',
    0, $1::float8 * 60 * $3::float8, directed => false) d
),
best AS (SELECT node, min(seconds) AS seconds FROM reached WHERE node <> 0 GROUP BY node)
SELECT k.id, k.kind, k.name, k.name_zh, k.grid_id, ST_X(k.geom) AS lon, ST_Y(k.geom) AS lat,
       round((b.seconds / 60)::numeric, 1)::float8 AS minutes
FROM key_places k LEFT JOIN best b ON b.node = k.vertex_id
ORDER BY b.seconds IS NOT NULL, b.seconds DESC NULLS FIRST, k.id
