/** The wall display's reads (figures, heat, per-grid values, markers, units) and its config. */
import type pg from 'pg';
import type { WallKpis } from '../contract/wall.ts';
import { DEFAULT_WALL_CONFIG, validateWallConfig, type WallConfig, type WallMeasure } from '../domain/wall-config.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { sql } from '../sql/index.ts';
import { appendEvent } from './outbox.ts';
import { inTransaction } from './transaction.ts';

export async function wallKpis(db: pg.Pool, timeZone: string, deadlines: Deadlines): Promise<WallKpis> {
  const { rows } = await db.query(sql('wall/kpis'), [timeZone, JSON.stringify(deadlines)]);
  const r = rows[0];
  return {
    today: r.today,
    open: r.open,
    overdue: r.overdue,
    reported30d: r.reported30d,
    closed30d: r.closed30d,
    closureRate: r.reported30d > 0 ? r.closed30d / r.reported30d : null,
    avgHandlingMinutes: r.avgHandlingMinutes,
    byCategory: r.byCategory,
    byGrade: r.byGrade,
    trend24h: r.trend24h,
    trend30d: r.trend30d,
    topGrids: r.topGrids,
  };
}

/**
 * The heat window as little-endian float32 triples (lon, lat, weight): the browser hands the
 * buffer to the GPU as it is.
 */
export async function wallHeat(db: pg.Pool, hours: number): Promise<{ count: number; data: Buffer }> {
  const { rows } = await db.query<{ n: number; data: Buffer }>(sql('wall/heat'), [hours]);
  const data = rows[0].data;
  // float4send is big-endian; swap in place to the byte order of Float32Array on every browser platform.
  if (data.length) data.swap32();
  return { count: rows[0].n, data };
}

export async function wallGridValues(db: pg.Pool, measure: WallMeasure, deadlines: Deadlines, config: WallConfig) {
  const { urban, rural } = config.thresholds.householdStandard;
  const { rows } = await db.query<{ ids: number[]; values: number[] }>(sql('wall/grid-values'), [
    measure,
    JSON.stringify(deadlines),
    urban,
    rural,
  ]);
  return rows[0];
}

export interface WallOpenIncident {
  id: string;
  grade: string;
  status: string;
  lon: number;
  lat: number;
  reported_at: string;
  due_at: string | null;
}

export async function wallOpenIncidents(db: pg.Pool, deadlines: Deadlines, limit: number): Promise<WallOpenIncident[]> {
  const { rows } = await db.query<WallOpenIncident>(sql('wall/open-incidents'), [JSON.stringify(deadlines), limit]);
  return rows;
}

export async function wallUnits(db: pg.Pool) {
  const { rows } = await db.query<{ id: number; kind: string; status: string; lon: number; lat: number }>(
    sql('wall/units'),
  );
  return rows;
}

/**
 * The stored config. A damaged one (edited by hand) falls back to the defaults rather than
 * breaking every wall, and `onDamaged` is told why.
 */
export async function loadWallConfig(db: pg.Pool, onDamaged: (reason: string) => void): Promise<WallConfig> {
  const { rows } = await db.query<{ value: string }>(sql('wall/config-get'));
  if (!rows[0]) return DEFAULT_WALL_CONFIG;
  let stored: unknown;
  try {
    stored = JSON.parse(rows[0].value);
  } catch (err) {
    onDamaged(`not JSON: ${(err as Error).message}`);
    return DEFAULT_WALL_CONFIG;
  }
  const r = validateWallConfig(stored);
  if (r.ok) return r.config;
  onDamaged(r.errors.join('; '));
  return DEFAULT_WALL_CONFIG;
}

/** Stores a validated config and tells every wall, in one transaction. */
export async function saveWallConfig(db: pg.Pool, config: WallConfig, actor: string): Promise<number> {
  return inTransaction(db, async (client) => {
    await client.query(sql('wall/config-put'), [JSON.stringify(config)]);
    return appendEvent(client, { type: 'wall.config', payload: { config, actor } });
  });
}
