/**
 * Grid workers and patrol teams (patrol_units, by kind) as registers. A worker's grid is held
 * twice — grids.worker_id (what the grid shows) and patrol_units.home_grid_id (what patrols
 * and assessment read) — and both change together, in one transaction, with a `grid.changed`
 * event so that the editor and the wall redraw the grid's worker.
 */
import type pg from 'pg';
import type { ListQueryT, Unit, UnitInput, Worker, WorkerInput } from '../contract/registers.ts';
import type { UnitKind } from '../contract/vocabulary.ts';
import { appError } from '../errors.ts';
import { appendEvent } from './outbox.ts';
import { iso, listPage, lockVersioned, ref, registerWrite, type Db } from './register-common.ts';

const SELECT = `
SELECT p.id, p.code, p.name, p.phone, p.status, p.street_office_id, s.code AS so_code, s.name_zh AS so_name,
       g.id AS grid_id, g.code AS grid_code, g.name AS grid_name, p.version, p.updated_at
FROM patrol_units p
LEFT JOIN street_offices s ON s.id = p.street_office_id
LEFT JOIN grids g ON g.worker_id = p.id`;
const SEARCH = `p.kind = $2 AND ($1::text IS NULL OR p.code ILIKE $1 OR p.name ILIKE $1 OR p.phone ILIKE $1)`;
const LIST = `${SELECT} WHERE ${SEARCH} ORDER BY p.code LIMIT $3 OFFSET $4`;
const COUNT = `SELECT count(*)::int AS n FROM patrol_units p WHERE ${SEARCH}`;
const GET = `${SELECT} WHERE p.id = $1 AND p.kind = $2`;
const LOCK = `
SELECT p.id, p.code, p.name, p.phone, p.status, p.street_office_id, p.version,
       (SELECT g.id FROM grids g WHERE g.worker_id = p.id) AS grid_id
FROM patrol_units p WHERE p.id = $1 AND p.kind = $2 FOR UPDATE OF p`;
const INSERT = `
INSERT INTO patrol_units (code, name, kind, phone, status, street_office_id)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;
const UPDATE = `
UPDATE patrol_units SET code = $2, name = $3, phone = $4, status = $5, street_office_id = $6,
  version = version + 1, updated_at = now()
WHERE id = $1`;
const GRID = `
SELECT g.id, g.code, g.name, g.worker_id, w.code AS worker_code, w.name AS worker_name, g.community_id, s.district_id
FROM grids g
JOIN communities c ON c.id = g.community_id
JOIN street_offices s ON s.id = c.street_office_id
LEFT JOIN patrol_units w ON w.id = g.worker_id
WHERE g.id = $1 FOR UPDATE OF g`;
const UNASSIGN = `
UPDATE grids g SET worker_id = NULL, updated_at = now(), updated_by = $2
FROM communities c JOIN street_offices s ON s.id = c.street_office_id
WHERE g.worker_id = $1 AND c.id = g.community_id
RETURNING g.id, g.community_id, s.district_id`;
const ASSIGN = `UPDATE grids SET worker_id = $1, updated_at = now(), updated_by = $3 WHERE id = $2`;
const HOME = `UPDATE patrol_units SET home_grid_id = $2 WHERE id = $1`;
const HISTORY = `
SELECT EXISTS (SELECT 1 FROM patrol_fixes WHERE unit_id = $1) AS fixes,
       (SELECT count(*)::int FROM incidents WHERE assigned_unit_id = $1) AS incidents,
       (SELECT count(*)::int FROM patrol_routes WHERE unit_id = $1) AS routes,
       EXISTS (SELECT 1 FROM patrol_daily WHERE unit_id = $1) AS assessed`;
const DELETE = `DELETE FROM patrol_units WHERE id = $1`;

interface Row {
  id: number;
  code: string;
  name: string;
  phone: string | null;
  status: Unit['status'];
  street_office_id: number | null;
  so_code: string | null;
  so_name: string | null;
  grid_id: number | null;
  grid_code: string | null;
  grid_name: string | null;
  version: number;
  updated_at: Date;
}

const toUnit = (r: Row): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  phone: r.phone,
  status: r.status,
  street_office_id: r.street_office_id,
  street_office: ref(r.street_office_id, r.so_code, r.so_name),
  version: r.version,
  updated_at: iso(r.updated_at),
});
const toWorker = (r: Row): Worker => ({
  ...toUnit(r),
  grid_id: r.grid_id,
  grid: ref(r.grid_id, r.grid_code, r.grid_name),
});

/** The register's name for one of its records, in messages. */
const LABEL: Record<UnitKind, string> = { grid_worker: 'grid worker', patrol_team: 'patrol team' };

/** A register of one kind of patrol unit: workers read and write their grid, teams have none. */
function unitRegister<T extends Unit, N extends UnitInput>(kind: UnitKind, toItem: (r: Row) => T) {
  const label = LABEL[kind];
  const get = async (db: Db, id: number): Promise<T | null> => {
    const { rows } = await db.query<Row>(GET, [id, kind]);
    return rows[0] ? toItem(rows[0]) : null;
  };
  const mustGet = async (db: Db, id: number): Promise<T> => (await get(db, id))!;

  return {
    list: (db: Db, q: ListQueryT) => listPage(db, LIST, COUNT, q, toItem, [kind]),
    get,

    async create(db: pg.Pool, body: N, actor: string): Promise<T> {
      return registerWrite(db, `The ${label}`, async (client) => {
        const { rows } = await client.query<{ id: number }>(INSERT, [
          body.code,
          body.name,
          kind,
          body.phone ?? null,
          body.status ?? 'on_patrol',
          body.street_office_id ?? null,
        ]);
        const id = rows[0].id;
        const gridId = (body as WorkerInput).grid_id;
        if (kind === 'grid_worker' && gridId != null)
          await assignGrid(client, { id, code: body.code, name: body.name }, gridId, actor);
        return mustGet(client, id);
      });
    },

    async update(db: pg.Pool, id: number, body: Partial<N> & { version: number }, actor: string): Promise<T> {
      return registerWrite(db, `The ${label}`, async (client) => {
        const cur = await lockVersioned<LockedUnit>(client, LOCK, [id, kind], label, body.version);
        const next = { ...cur, ...body };
        await client.query(UPDATE, [id, next.code, next.name, next.phone, next.status, next.street_office_id]);
        const gridId = (body as Partial<WorkerInput>).grid_id;
        if (kind === 'grid_worker' && gridId !== undefined && gridId !== cur.grid_id)
          await assignGrid(client, { id, code: next.code, name: next.name }, gridId, actor);
        return mustGet(client, id);
      });
    },

    async remove(db: pg.Pool, id: number, version: number, actor: string): Promise<void> {
      await registerWrite(db, `The ${label}`, async (client) => {
        const cur = await lockVersioned<LockedUnit>(client, LOCK, [id, kind], label, version);
        // A command centre keeps its record of who walked where and who handled which incident
        // (assessments, appeals, audits are read from it months later), so a unit with any such
        // history is not deleted: it is set off duty instead and stays in the register. One
        // entered by mistake, with no history yet, can go.
        const { rows } = await client.query<{ fixes: boolean; incidents: number; routes: number; assessed: boolean }>(
          HISTORY,
          [id],
        );
        const h = rows[0];
        const held = [
          h.fixes && 'GPS fixes',
          h.incidents && `${h.incidents} incident${h.incidents > 1 ? 's' : ''}`,
          h.routes && `${h.routes} planned route${h.routes > 1 ? 's' : ''}`,
          h.assessed && 'daily assessments',
        ].filter(Boolean);
        if (held.length)
          throw appError(
            'conflict',
            `The ${label} ${cur.code} has ${held.join(', ')} on record, which the command centre keeps; ` +
              `set its status to off_duty instead of deleting it`,
            { history: h },
          );
        if (cur.grid_id !== null) await assignGrid(client, cur, null, actor);
        await client.query(DELETE, [id]);
      });
    },
  };
}

interface LockedUnit {
  id: number;
  code: string;
  name: string;
  phone: string | null;
  status: Unit['status'];
  street_office_id: number | null;
  grid_id: number | null;
  version: number;
}

/**
 * Makes `worker` the worker of grid `to` (null: of none), releasing the grid it served. Refused when
 * `to` already has another worker: replacing someone is two explicit steps, never a side effect.
 * The grid row is locked first, so two assignments to one grid cannot both pass the check; the
 * unique index grids_worker_once stays the last guard (its violation is a 409 too).
 */
async function assignGrid(
  client: pg.ClientBase,
  worker: { id: number; code: string; name: string },
  to: number | null,
  actor: string,
): Promise<void> {
  const areas: { id: number; community_id: number; district_id: number }[] = [];
  if (to !== null) {
    const { rows } = await client.query(GRID, [to]);
    const g = rows[0];
    if (!g) throw appError('bad_request', `No grid with id ${to}`);
    if (g.worker_id !== null && g.worker_id !== worker.id)
      throw appError(
        'conflict',
        `Grid ${g.code} already has worker ${g.worker_name} (${g.worker_code}); unassign them first`,
        { grid_id: g.id, worker_id: g.worker_id },
      );
    areas.push(g);
  }
  const { rows: released } = await client.query(UNASSIGN, [worker.id, actor]);
  areas.push(...released);
  if (to !== null) await client.query(ASSIGN, [worker.id, to, actor]);
  await client.query(HOME, [worker.id, to]);
  // One event per community touched (an editor follows one community). Grid versions are left
  // alone: they guard the geometry, and a planner mid-edit must not get a 409 for a staffing change.
  const byCommunity = new Map<number, { district: number; grids: number[] }>();
  for (const a of areas) {
    const c = byCommunity.get(a.community_id) ?? { district: a.district_id, grids: [] };
    if (!c.grids.includes(a.id)) c.grids.push(a.id);
    byCommunity.set(a.community_id, c);
  }
  for (const [communityId, c] of byCommunity)
    await appendEvent(client, {
      type: 'grid.changed',
      payload: {
        op: 'worker',
        actor,
        grids: c.grids,
        changed: c.grids,
        created: [],
        removed: [],
        worker: { id: worker.id, code: worker.code, name: worker.name, grid_id: to },
      },
      communityId,
      districtId: c.district,
    });
}

export const workers = unitRegister<Worker, WorkerInput>('grid_worker', toWorker);
export const units = unitRegister<Unit, UnitInput>('patrol_team', toUnit);
