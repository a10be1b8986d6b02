-- Units nearest an incident by travel time on the street network. The incident is snapped to
-- its nearest crossing and ONE bounded Dijkstra from it (pgr_drivingDistance, undirected) gives
-- the network distance to every crossing within $5 metres; units within that box join on their
-- own crossing (kept by PatrolSnapper; a unit that moved since is snapped here). Travel time =
-- (network + both snap offsets) / the unit's speed.
-- $1 lon, $2 lat, $3 limit, $4 include off-duty, $5 bound (m), $6 walking m/s, $7 driving m/s,
-- $8 include units already responding.
WITH args AS (
  SELECT $1::float8 AS lon, $2::float8 AS lat, $5::float8 AS bound,
         ST_Expand(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326), $5::float8 / (111320 * cos(radians($2::float8))), $5::float8 / 110540.0) AS box
),
pt AS (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM args),
start AS (
  SELECT v.id, ST_Distance(v.geom::geography, pt.geom::geography) AS off_m
  FROM pt, LATERAL (SELECT id, geom FROM street_vertices ORDER BY geom <-> pt.geom LIMIT 1) v
),
reach AS (
  SELECT d.node, d.agg_cost
  FROM start, args, pgr_drivingDistance(
    format('SELECT id, source, target, length_m AS cost FROM roads WHERE geom && %L::geometry', args.box),
    start.id, args.bound, directed => false) d
),
units AS (
  SELECT u.*, coalesce(u.vertex_id, street_vertex_near(u.last_geom)) AS vid
  FROM patrol_units u, args
  WHERE u.last_geom && args.box AND ($4 OR u.status <> 'off_duty') AND ($8 OR u.status <> 'responding')
),
candidates AS (
  SELECT u.id, u.code, u.name, u.kind, u.status, u.phone, u.home_grid_id, u.last_fix_at,
         ST_X(u.last_geom) AS lon, ST_Y(u.last_geom) AS lat, u.vid AS vertex_id,
         round((r.agg_cost + start.off_m + ST_Distance(v.geom::geography, u.last_geom::geography))::numeric, 1)::float8 AS distance_m,
         CASE WHEN u.kind = 'patrol_team' THEN $7::float8 ELSE $6::float8 END AS speed_mps
  FROM units u
  JOIN reach r ON r.node = u.vid
  JOIN street_vertices v ON v.id = u.vid
  CROSS JOIN start
)
SELECT * FROM candidates
ORDER BY (status = 'off_duty'), distance_m / speed_mps, id
LIMIT $3
