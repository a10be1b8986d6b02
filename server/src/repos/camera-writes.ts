/**
 * Camera registry changes. Each runs in one transaction with its coverage update (the changed
 * views and the roads, points and grids they reach) and its `camera.changed` outbox event: a
 * screen that sees the event finds the measures already updated.
 */
import type pg from 'pg';
import type { Camera, CoverageEffectT } from '../contract/cameras.ts';
import { applyPatch, cameraProblem, type CameraInput } from '../domain/coverage-cameras.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { lockCoverage, refreshAfterChange, viewsRegion } from './coverage-compute.ts';
import { inTransaction } from './transaction.ts';
import { appendEvent } from './outbox.ts';

type CameraRow = Omit<Camera, 'updated_at'> & { updated_at: Date };

const toCamera = (r: CameraRow): Camera => ({ ...r, updated_at: r.updated_at.toISOString() });

export async function getCameras(db: pg.Pool | pg.ClientBase, ids: readonly number[]): Promise<Camera[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<CameraRow>(sql('cameras/get'), [ids]);
  return rows.map(toCamera);
}

export async function getCamera(db: pg.Pool | pg.ClientBase, id: number): Promise<Camera | null> {
  return (await getCameras(db, [id]))[0] ?? null;
}

/** One change of a plan or an edit: add a camera, change one, remove one. */
export type CameraChange =
  | { op: 'add'; camera: CameraInput }
  | { op: 'update'; id: number; patch: Partial<CameraInput>; version?: number }
  | { op: 'remove'; id: number; version?: number };

export interface Applied {
  /** Cameras added or changed, as they are now. */
  cameras: Camera[];
  removed: number[];
  coverage: CoverageEffectT;
}

/**
 * Applies the changes inside the caller's transaction (which must hold the coverage lock) and
 * brings coverage up to date. Used by the registry's writes (then committed) and by what-if
 * plans (then rolled back).
 */
export async function applyChanges(
  client: pg.ClientBase,
  changes: readonly CameraChange[],
  actor: string,
): Promise<Applied> {
  const t0 = performance.now();
  const touched = changes.filter((c) => c.op !== 'add').map((c) => (c as { id: number }).id);
  if (new Set(touched).size !== touched.length)
    throw appError('bad_request', 'A camera may be changed only once per request');
  const before = await viewsRegion(client, touched);
  const grids = new Set<number>();
  const changedIds: number[] = [];
  const removed: number[] = [];

  const adds = changes.flatMap((c, i) => (c.op === 'add' ? [{ i, camera: c.camera }] : []));
  for (const a of adds) {
    const problem = cameraProblem(a.camera);
    if (problem) throw appError('bad_request', changes.length > 1 ? `change ${a.i}: ${problem}` : problem);
  }
  if (adds.length) {
    const ids = await insertCameras(
      client,
      adds.map((a) => a.camera),
      actor,
      (k, reason) => {
        throw appError(
          reason.includes('outside') ? 'outside_area' : 'conflict',
          changes.length > 1 ? `change ${adds[k].i}: ${reason}` : reason,
        );
      },
    );
    changedIds.push(...ids.ids);
    for (const g of ids.grids) grids.add(g);
  }
  for (const [i, c] of changes.entries()) {
    if (c.op === 'update') {
      const cur = await lockCamera(client, c.id);
      if (c.version !== undefined && c.version !== cur.version) {
        throw appError('conflict', `Camera ${c.id} is at version ${cur.version}, not ${c.version}; reload it`, {
          version: cur.version,
        });
      }
      const next = applyPatch(cur.input, c.patch);
      const problem = cameraProblem(next);
      if (problem) throw appError('bad_request', changes.length > 1 ? `change ${i}: ${problem}` : problem);
      const [gridId] = await locate(client, [next]);
      if (gridId === null)
        throw appError('outside_area', `The point ${next.lon}, ${next.lat} lies outside every grid of the city`);
      try {
        await client.query(sql('cameras/update'), [
          c.id,
          cur.version,
          next.code,
          next.kind,
          next.status,
          next.bearing_deg,
          next.fov_deg,
          next.range_m,
          next.height_m,
          next.installed_at,
          next.lon,
          next.lat,
          gridId,
          actor,
        ]);
      } catch (err) {
        throw codeConflict(err, next.code);
      }
      if (cur.grid_id !== null) grids.add(cur.grid_id);
      grids.add(gridId);
      changedIds.push(c.id);
    } else if (c.op === 'remove') {
      const cur = await lockCamera(client, c.id);
      if (c.version !== undefined && c.version !== cur.version) {
        throw appError('conflict', `Camera ${c.id} is at version ${cur.version}, not ${c.version}; reload it`, {
          version: cur.version,
        });
      }
      await client.query(sql('cameras/delete'), [c.id, null]);
      if (cur.grid_id !== null) grids.add(cur.grid_id);
      removed.push(c.id);
    }
  }
  const r = await refreshAfterChange(client, [...changedIds, ...removed], before, [...grids]);
  const cameras = await getCameras(client, changedIds);
  return {
    cameras,
    removed,
    coverage: { grids: r.grids, roads: r.roads, points: r.points, ms: Math.round(performance.now() - t0) },
  };
}

interface Locked {
  input: CameraInput;
  grid_id: number | null;
  version: number;
}

async function lockCamera(client: pg.ClientBase, id: number): Promise<Locked> {
  const { rows } = await client.query(sql('cameras/lock'), [id]);
  if (!rows.length) throw appError('not_found', `No camera with id ${id}`);
  const r = rows[0];
  return {
    input: {
      code: r.code,
      kind: r.kind,
      status: r.status,
      lon: r.lon,
      lat: r.lat,
      bearing_deg: r.bearing_deg,
      fov_deg: r.fov_deg,
      range_m: r.range_m,
      height_m: r.height_m,
      installed_at: r.installed_at,
    },
    grid_id: r.grid_id,
    version: r.version,
  };
}

async function locate(client: pg.ClientBase, cams: readonly CameraInput[]): Promise<(number | null)[]> {
  const { rows } = await client.query<{ grid_id: number | null }>(sql('cameras/locate'), [
    cams.map((c) => c.lon),
    cams.map((c) => c.lat),
  ]);
  return rows.map((r) => r.grid_id);
}

function codeConflict(err: unknown, code: string | null): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505') return appError('conflict', `Camera code ${code ?? '(generated)'} is already used`);
  return err;
}

/**
 * Inserts cameras whose fields are valid; refuses (via `reject`) one outside the city or with a
 * code already used. Returns the new ids in order and the grids they stand in.
 */
async function insertCameras(
  client: pg.ClientBase,
  cams: readonly CameraInput[],
  actor: string,
  reject: (index: number, reason: string) => void,
): Promise<{ ids: number[]; grids: number[]; kept: number[] }> {
  const gridIds = await locate(client, cams);
  const codes = cams.map((c) => c.code).filter((c): c is string => c !== null);
  const { rows: used } = codes.length
    ? await client.query<{ code: string }>(sql('cameras/existing-codes'), [codes])
    : { rows: [] };
  const taken = new Set(used.map((r) => r.code));
  const kept: number[] = [];
  cams.forEach((c, i) => {
    if (gridIds[i] === null) return reject(i, `the point ${c.lon}, ${c.lat} lies outside every grid of the city`);
    if (c.code !== null && taken.has(c.code)) return reject(i, `code ${c.code} is already used`);
    if (c.code !== null) taken.add(c.code);
    kept.push(i);
  });
  if (!kept.length) return { ids: [], grids: [], kept };
  const col = <K extends keyof CameraInput>(k: K) => kept.map((i) => cams[i][k]);
  let rows: { id: number }[];
  try {
    ({ rows } = await client.query<{ id: number }>(sql('cameras/insert'), [
      col('code'),
      col('kind'),
      col('status'),
      col('bearing_deg'),
      col('fov_deg'),
      col('range_m'),
      col('height_m'),
      col('installed_at'),
      col('lon'),
      col('lat'),
      kept.map((i) => gridIds[i]),
      actor,
    ]));
  } catch (err) {
    throw codeConflict(err, null);
  }
  return { ids: rows.map((r) => r.id), grids: [...new Set(kept.map((i) => gridIds[i]!))], kept };
}

interface Area {
  districtId: number | null;
  communityId: number | null;
}

const areaOf = (cams: readonly Camera[]): Area =>
  cams.length === 1
    ? { districtId: cams[0].district_id, communityId: cams[0].community_id }
    : { districtId: null, communityId: null };

/** A registry write: lock, apply, announce, commit. */
async function write(db: pg.Pool, changes: CameraChange[], actor: string, action: string): Promise<Applied> {
  return inTransaction(db, async (client) => {
    await lockCoverage(client);
    const applied = await applyChanges(client, changes, actor);
    const area = applied.cameras.length ? areaOf(applied.cameras) : { districtId: null, communityId: null };
    await appendEvent(client, {
      type: 'camera.changed',
      payload: { action, cameras: applied.cameras, removed: applied.removed, coverage: applied.coverage },
      ...area,
    });
    return applied;
  });
}

export async function createCamera(db: pg.Pool, input: CameraInput, actor: string): Promise<Applied> {
  return write(db, [{ op: 'add', camera: input }], actor, 'created');
}

export async function updateCamera(
  db: pg.Pool,
  id: number,
  patch: Partial<CameraInput>,
  version: number,
  actor: string,
): Promise<Applied> {
  return write(db, [{ op: 'update', id, patch, version }], actor, 'updated');
}

export async function deleteCamera(
  db: pg.Pool,
  id: number,
  version: number | undefined,
  actor: string,
): Promise<Applied> {
  return write(db, [{ op: 'remove', id, version }], actor, 'deleted');
}

export interface ImportOutcome {
  inserted: number;
  ids: number[];
  rejected: { index: number; reason: string }[];
  coverage: CoverageEffectT | null;
}

/**
 * Imports parsed features: those refused before (`rejected`, by index) stay refused; the rest
 * are placed and checked against the registry (outside the city, code used), and the good ones
 * go in together, in one transaction with their coverage and one event.
 */
export async function importCameras(
  db: pg.Pool,
  parsed: readonly { index: number; camera: CameraInput }[],
  rejected: { index: number; reason: string }[],
  actor: string,
): Promise<ImportOutcome> {
  if (!parsed.length) return { inserted: 0, ids: [], rejected, coverage: null };
  return inTransaction(db, async (client) => {
    // A big import recomputes coverage over much of the city: give it time (statements stay short).
    await client.query("SET LOCAL statement_timeout = '10min'");
    await lockCoverage(client);
    const t0 = performance.now();
    const more: { index: number; reason: string }[] = [];
    const r = await insertCameras(
      client,
      parsed.map((p) => p.camera),
      actor,
      (k, reason) => more.push({ index: parsed[k].index, reason }),
    );
    const all = [...rejected, ...more].sort((a, b) => a.index - b.index);
    if (!r.ids.length) return { inserted: 0, ids: [], rejected: all, coverage: null };
    const refresh = await refreshAfterChange(client, r.ids, null, r.grids);
    const coverage = {
      grids: refresh.grids,
      roads: refresh.roads,
      points: refresh.points,
      ms: Math.round(performance.now() - t0),
    };
    const cameras = r.ids.length <= 200 ? await getCameras(client, r.ids) : [];
    await appendEvent(client, {
      type: 'camera.changed',
      payload: { action: 'imported', count: r.ids.length, ids: r.ids.slice(0, 5000), cameras, removed: [], coverage },
    });
    return { inserted: r.ids.length, ids: r.ids, rejected: all, coverage };
  });
}

export interface ExportFilter {
  status: string | null;
  gridId: number | null;
  communityId: number | null;
  bbox: readonly [number, number, number, number];
}

/** The registry as GeoJSON text, in pages (keyset on id), for streaming a large export. */
export async function* exportCamerasGeoJson(db: pg.Pool, f: ExportFilter, pageSize = 5000): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let after = 0;
  let first = true;
  for (;;) {
    const { rows } = await db.query<{ id: number; feature: string }>(sql('cameras/export'), [
      after,
      pageSize,
      f.status,
      f.gridId,
      f.communityId,
      ...f.bbox,
    ]);
    if (!rows.length) break;
    yield (first ? '' : ',') + rows.map((r) => r.feature).join(',');
    first = false;
    after = rows[rows.length - 1].id;
    if (rows.length < pageSize) break;
  }
  yield ']}';
}
