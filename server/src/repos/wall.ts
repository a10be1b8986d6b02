/** The wall display's reads (figures, heat, per-grid values, markers, units) and its config. */
import type pg from 'pg';
import type { WallKpis } from '../contract/wall.ts';
import { DEFAULT_WALL_CONFIG, validateWallConfig, type WallConfig, type WallMeasure } from '../domain/wall-config.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { sql } from '../sql/index.ts';
import { appendEvent } from './outbox.ts';

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
  const { rows } = await db.query<{ ids: number[]; values: number[] }>(sql('wall/grid-values'), [measure, JSON.stringify(deadlines), urban, rural]);
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
  const { rows } = await db.query<{ id: number; kind: string; status: string; lon: number; lat: number }>(sql('wall/units'));
  return rows;
}

/** The stored config; a damaged one (edited by hand) falls back to the defaults rather than breaking every wall. */
export async function loadWallConfig(db: pg.Pool): Promise<WallConfig> {
  const { rows } = await db.query<{ value: string }>(sql('wall/config-get'));
  if (!rows[0]) return DEFAULT_WALL_CONFIG;
  try {
    const r = validateWallConfig(JSON.parse(rows[0].value));
    return r.ok ? r.config : DEFAULT_WALL_CONFIG;
  } catch {
    return DEFAULT_WALL_CONFIG;
  }
}

/** Stores a validated config and tells every wall, in one transaction. */
export async function saveWallConfig(db: pg.Pool, config: WallConfig, actor: string): Promise<number> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(sql('wall/config-put'), [JSON.stringify(config)]);
    const seq = await appendEvent(client, { type: 'wall.config', payload: { config, actor } });
    await client.query('COMMIT');
    return seq;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
