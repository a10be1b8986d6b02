/** The worker account's unit and grid in the test city, and incidents dispatched to a unit. */
import type pg from 'pg';
import type { TestContext } from '../helpers/app.ts';
import { atCurrentVersion, report, type GridPoint } from '../helpers/incidents.ts';

export interface WorkerUnit {
  unitId: number;
  gridId: number;
  /** A point inside the worker's own grid. */
  here: GridPoint;
}

/** The unit the test-worker account is linked to, its grid and a point inside it. */
export async function workerUnit(db: pg.Pool): Promise<WorkerUnit> {
  const { rows } = await db.query(
    `SELECT u.unit_id AS "unitId", g.id AS "gridId", g.community_id AS "communityId", s.district_id AS "districtId",
            ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
     FROM users u JOIN grids g ON g.worker_id = u.unit_id
     JOIN communities c ON c.id = g.community_id JOIN street_offices s ON s.id = c.street_office_id
     WHERE u.role = 'worker' ORDER BY g.id LIMIT 1`,
  );
  const r = rows[0];
  return {
    unitId: r.unitId,
    gridId: r.gridId,
    here: { gridId: r.gridId, communityId: r.communityId, districtId: r.districtId, lon: r.lon, lat: r.lat },
  };
}

/** Another unit than `unitId` (a grid worker), for "not yours" cases. */
export async function otherUnit(db: pg.Pool, unitId: number): Promise<number> {
  const { rows } = await db.query(
    `SELECT id FROM patrol_units WHERE id <> $1 AND kind = 'grid_worker' ORDER BY id LIMIT 1`,
    [unitId],
  );
  return rows[0].id;
}

/** Sends back (as an operator) whatever the unit is still working on, so that it can be dispatched again. */
export async function freeUnit(t: TestContext, unitId: number) {
  const { rows } = await t.db.query<{ id: string; version: number }>(
    `SELECT id, version FROM incidents WHERE assigned_unit_id = $1 AND status IN ('dispatched', 'escalated')`,
    [unitId],
  );
  for (const r of rows) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${r.id}/actions`,
      headers: t.auth('operator'),
      payload: { action: 'send_back', note: '改派 · reassigned', version: r.version },
    });
    if (res.statusCode !== 200) throw new Error(`send_back failed: ${res.body}`);
  }
}

/**
 * An incident reported at `at`, accepted and dispatched (by an operator) to `unitId`; returns it.
 * A unit works one incident at a time: whatever it still had is sent back first.
 */
export async function dispatchedTo(t: TestContext, at: GridPoint, unitId: number, over: Record<string, unknown> = {}) {
  await freeUnit(t, unitId);
  const body = report(at, over);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: t.auth('operator'),
    payload: body,
  });
  if (created.statusCode !== 201) throw new Error(`report failed: ${created.body}`);
  const act = async (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/incidents/${body.id}/actions`,
      headers: t.auth('operator'),
      payload: await atCurrentVersion(t.db, body.id, payload),
    });
  await act({ action: 'accept' });
  const res = await act({ action: 'dispatch', unit_id: unitId });
  if (res.statusCode !== 200) throw new Error(`dispatch failed: ${res.body}`);
  return res.json().incident as { id: string; status: string; version: number; assigned_unit_id: number };
}
