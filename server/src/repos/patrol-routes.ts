/**
 * Planned patrol routes: checkpoints with time windows, the street path between them (pgRouting),
 * and the match of the unit's actual track against the plan. Planning a route writes the route,
 * its checkpoints and its outbox event in one transaction.
 */
import type pg from 'pg';
import type { DailyRow, RouteSummary } from '../contract/patrols.ts';
import {
  deviations,
  matchCheckpoints,
  type Checkpoint,
  type CheckpointResult,
  type Deviation,
  type TrackPoint,
} from '../domain/patrol-match.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { inTransaction } from './transaction.ts';
import { appendEvent } from './outbox.ts';
import { streetPath } from './patrol-routing.ts';

export interface CheckpointInput {
  key_place_id?: number;
  lon?: number;
  lat?: number;
  name?: string;
  window_start: string;
  window_end: string;
  radius_m?: number;
}

export interface RouteInput {
  unit_id: number;
  name: string;
  checkpoints: CheckpointInput[];
}

interface ResolvedCheckpoint {
  seq: number;
  key_place_id: number | null;
  name: string;
  lon: number;
  lat: number;
  start: Date;
  end: Date;
  radius: number;
}

async function resolveCheckpoints(db: pg.Pool, input: CheckpointInput[]): Promise<ResolvedCheckpoint[]> {
  const out: ResolvedCheckpoint[] = [];
  for (const [i, c] of input.entries()) {
    const start = new Date(c.window_start);
    const end = new Date(c.window_end);
    if (!(end > start)) throw appError('bad_request', `checkpoint ${i + 1}: window_end must be after window_start`);
    if (out.length && start < out[out.length - 1].start)
      throw appError('bad_request', `checkpoint ${i + 1}: windows must follow the route's order`);
    let { lon, lat, name } = c;
    if (c.key_place_id !== undefined) {
      const { rows } = await db.query<{ lon: number; lat: number; name: string; name_zh: string }>(
        'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, name, name_zh FROM key_places WHERE id = $1',
        [c.key_place_id],
      );
      if (!rows.length)
        throw appError('bad_request', `checkpoint ${i + 1}: key place ${c.key_place_id} does not exist`);
      lon = rows[0].lon;
      lat = rows[0].lat;
      name = name ?? `${rows[0].name_zh} ${rows[0].name}`;
    } else if (lon === undefined || lat === undefined) {
      throw appError('bad_request', `checkpoint ${i + 1}: give key_place_id or lon and lat`);
    }
    out.push({
      seq: i + 1,
      key_place_id: c.key_place_id ?? null,
      name: name ?? `Checkpoint ${i + 1}`,
      lon: lon!,
      lat: lat!,
      start,
      end,
      radius: c.radius_m ?? 30,
    });
  }
  return out;
}

export async function planRoute(db: pg.Pool, input: RouteInput, actor: string) {
  const { rows: unit } = await db.query<{ id: number; kind: string }>(
    'SELECT id, kind FROM patrol_units WHERE id = $1',
    [input.unit_id],
  );
  if (!unit.length) throw appError('bad_request', `unit ${input.unit_id} does not exist`);
  const cps = await resolveCheckpoints(db, input.checkpoints);
  // The planned path: the shortest street path between each pair of consecutive checkpoints.
  const coords: [number, number][] = [];
  let length = 0;
  for (let i = 1; i < cps.length; i++) {
    const leg = await streetPath(db, [cps[i - 1].lon, cps[i - 1].lat], [cps[i].lon, cps[i].lat]);
    if (leg === null) {
      const same = await db.query<{ same: boolean }>(
        'SELECT street_vertex_near(ST_SetSRID(ST_MakePoint($1,$2),4326)) = street_vertex_near(ST_SetSRID(ST_MakePoint($3,$4),4326)) AS same',
        [cps[i - 1].lon, cps[i - 1].lat, cps[i].lon, cps[i].lat],
      );
      if (!same.rows[0].same)
        throw appError('no_route', `No street path joins checkpoint ${i} and checkpoint ${i + 1}`);
      continue;
    }
    length += leg.length_m;
    coords.push(...(coords.length ? leg.coords.slice(1) : leg.coords));
  }
  if (coords.length < 2)
    coords.splice(0, coords.length, [cps[0].lon, cps[0].lat], [cps[cps.length - 1].lon, cps[cps.length - 1].lat]);
  const line = JSON.stringify({ type: 'LineString', coordinates: coords });
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO patrol_routes (unit_id, name, starts_at, ends_at, geom, length_m, created_by)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), $6, $7) RETURNING id`,
      [input.unit_id, input.name, cps[0].start, cps[cps.length - 1].end, line, length, actor],
    );
    const id = rows[0].id;
    await client.query(
      `INSERT INTO patrol_checkpoints (route_id, seq, key_place_id, name, window_start, window_end, radius_m, geom)
       SELECT $1, s, k, n, ws, we, r, ST_SetSRID(ST_MakePoint(x, y), 4326)
       FROM unnest($2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::real[], $8::float8[], $9::float8[])
            AS c(s, k, n, ws, we, r, x, y)`,
      [
        id,
        cps.map((c) => c.seq),
        cps.map((c) => c.key_place_id),
        cps.map((c) => c.name),
        cps.map((c) => c.start),
        cps.map((c) => c.end),
        cps.map((c) => c.radius),
        cps.map((c) => c.lon),
        cps.map((c) => c.lat),
      ],
    );
    await appendEvent(client, {
      type: 'patrol.route_planned',
      payload: { route: { id, unit_id: input.unit_id, name: input.name } },
    });
    return id;
  });
}

/** A route as the query returns it (the response's summary, with its times still Dates). */
export interface RouteRow extends Omit<RouteSummary, 'starts_at' | 'ends_at'> {
  starts_at: Date;
  ends_at: Date;
}

export async function listRoutes(db: pg.Pool, from: Date, to: Date, unit: number | null): Promise<RouteRow[]> {
  const { rows } = await db.query<RouteRow>(
    `SELECT r.id, r.unit_id, u.code AS unit_code, r.name, r.starts_at, r.ends_at, r.length_m,
            (ST_AsGeoJSON(r.geom, 7)::json)->'coordinates' AS path
     FROM patrol_routes r JOIN patrol_units u ON u.id = r.unit_id
     WHERE r.starts_at < $2 AND r.ends_at > $1 AND ($3::int IS NULL OR r.unit_id = $3)
     ORDER BY r.starts_at, r.id`,
    [from, to, unit],
  );
  return rows;
}

export interface RouteMatch {
  route: RouteRow;
  checkpoints: (CheckpointResult & { lon: number; lat: number; window_start: string; window_end: string })[];
  deviations: Deviation[];
  track: TrackPoint[];
}

export async function matchRoute(db: pg.Pool | pg.ClientBase, id: number, now = Date.now()): Promise<RouteMatch> {
  const { rows } = await db.query<RouteRow>(
    `SELECT r.id, r.unit_id, u.code AS unit_code, r.name, r.starts_at, r.ends_at, r.length_m,
            (ST_AsGeoJSON(r.geom, 7)::json)->'coordinates' AS path
     FROM patrol_routes r JOIN patrol_units u ON u.id = r.unit_id WHERE r.id = $1`,
    [id],
  );
  if (!rows.length) throw appError('not_found', `No patrol route ${id}`);
  const route = rows[0];
  const { rows: cps } = await db.query<{
    seq: number;
    name: string;
    lon: number;
    lat: number;
    window_start: Date;
    window_end: Date;
    radius_m: number;
  }>(
    `SELECT seq, name, ST_X(geom) AS lon, ST_Y(geom) AS lat, window_start, window_end, radius_m
     FROM patrol_checkpoints WHERE route_id = $1 ORDER BY seq`,
    [id],
  );
  // The track from a little before the first window to a little after the last.
  const slack = 30 * 60_000;
  const { rows: track } = await db.query<TrackPoint>(sql('patrols/route-track'), [
    route.unit_id,
    new Date(route.starts_at.getTime() - slack),
    new Date(route.ends_at.getTime() + slack),
  ]);
  const checkpoints: Checkpoint[] = cps.map((c) => ({
    seq: c.seq,
    name: c.name,
    lon: c.lon,
    lat: c.lat,
    windowStart: c.window_start.getTime(),
    windowEnd: c.window_end.getTime(),
    radiusM: c.radius_m,
  }));
  const results = matchCheckpoints(track, checkpoints, now);
  return {
    route,
    checkpoints: results.map((r, i) => ({
      ...r,
      lon: cps[i].lon,
      lat: cps[i].lat,
      window_start: cps[i].window_start.toISOString(),
      window_end: cps[i].window_end.toISOString(),
    })),
    deviations: deviations(track, route.path, route.starts_at.getTime(), Math.min(now, route.ends_at.getTime())),
    track,
  };
}

/**
 * The day's assessment of grid workers (one community or all), with route results: computed on
 * the fly in a read-only transaction (a read never writes), bounded by a statement timeout.
 * Units with routes but no home grid get a row of their own (grid_id null).
 */
export async function assessDay(
  db: pg.Pool,
  day: string,
  timeZone: string,
  community: number | null,
  now = Date.now(),
): Promise<DailyRow[]> {
  return inTransaction(
    db,
    async (client) => {
      await client.query(`SET LOCAL statement_timeout = '30s'`);
      const { rows } = await client.query<DailyRow>(sql('patrols/assessment'), [day, timeZone, 20, community]);
      const { rows: routes } = await client.query<{ id: number; unit_id: number }>(
        `SELECT r.id, r.unit_id FROM patrol_routes r
         WHERE r.starts_at < ($1::date + 1)::timestamp AT TIME ZONE $2 AND r.ends_at > $1::date::timestamp AT TIME ZONE $2`,
        [day, timeZone],
      );
      const byUnit = new Map(
        rows.map((r) => [r.unit_id, { ...r, checkpoints_total: 0, checkpoints_on_time: 0, deviations: 0 }]),
      );
      for (const r of routes) {
        const m = await matchRoute(client, r.id, now);
        let row = byUnit.get(r.unit_id);
        if (!row) {
          const { rows: u } = await client.query<{ code: string; name: string }>(
            'SELECT code, name FROM patrol_units WHERE id = $1',
            [r.unit_id],
          );
          row = {
            unit_id: r.unit_id,
            unit_code: u[0].code,
            unit_name: u[0].name,
            grid_id: null,
            grid_code: null,
            fixes: 0,
            street_m: 0,
            walked_m: 0,
            walked_share: 0,
            inside_share: 0,
            checkpoints_total: 0,
            checkpoints_on_time: 0,
            deviations: 0,
          };
          byUnit.set(r.unit_id, row);
        }
        row.checkpoints_total += m.checkpoints.length;
        row.checkpoints_on_time += m.checkpoints.filter((c) => c.status === 'on_time').length;
        row.deviations += m.deviations.length;
      }
      return [...byUnit.values()].sort((a, b) => a.walked_share - b.walked_share || a.unit_id - b.unit_id);
    },
    { readOnly: true },
  );
}
