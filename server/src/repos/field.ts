/** The grid worker's phone: my unit and grid, my tasks, my day's track. */
import type pg from 'pg';
import type { IncidentSummary } from '../contract/events.ts';
import type { MyGridResponseT, TrackResponseT } from '../contract/field.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { sql } from '../sql/index.ts';
import { toSummary } from './incident-writes.ts';

interface GridRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  status: string;
  phone: string | null;
  grid_id: number | null;
  grid_code: string;
  grid_name: string;
  households: number;
  community_name: string | null;
  geometry: { type: string; coordinates: unknown[] };
}

/** The unit, its grid (null for a patrol team) and the key places in that grid; null if no such unit. */
export async function myGrid(db: pg.Pool, unitId: number): Promise<MyGridResponseT | null> {
  const { rows } = await db.query<GridRow>(sql('field/my-grid'), [unitId]);
  const r = rows[0];
  if (!r) return null;
  const unit = {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
    ...(r.phone ? { phone: r.phone } : {}),
  };
  if (r.grid_id === null) return { unit, grid: null, key_places: [] };
  const { rows: places } = await db.query(sql('field/key-places'), [r.grid_id]);
  return {
    unit,
    grid: {
      id: r.grid_id,
      code: r.grid_code,
      name: r.grid_name,
      ...(r.community_name ? { community_name: r.community_name } : {}),
      households: r.households,
      geometry: r.geometry,
    },
    key_places: places,
  };
}

export type TaskRow = IncidentSummary & { photos: unknown[] };

/** Incidents assigned to the unit and not closed, newest step first, with their photos. */
export async function myTasks(db: pg.Pool, unitId: number, deadlines: Deadlines): Promise<TaskRow[]> {
  const { rows } = await db.query(sql('field/tasks'), [unitId]);
  return rows.map((r) => ({ ...toSummary(r, deadlines), photos: Array.isArray(r.photos) ? r.photos : [] }));
}

/** The unit's fixes of one day in the city's time zone, as [lon, lat, epoch ms], and the line's length. */
export async function dayTrack(db: pg.Pool, unitId: number, day: string, timeZone: string): Promise<TrackResponseT> {
  const { rows } = await db.query<{ points: [number, number, string | number][]; length_m: number }>(
    sql('field/track'),
    [unitId, day, timeZone],
  );
  return {
    unit_id: unitId,
    day,
    points: rows[0].points.map(([lon, lat, t]) => [lon, lat, Number(t)] as [number, number, number]),
    length_m: Math.round(rows[0].length_m * 10) / 10,
  };
}
