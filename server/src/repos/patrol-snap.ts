/**
 * Finds the street crossing of units that moved: ingest clears a moved unit's crossing and the
 * patrol snapper job (jobs/patrol-snapper.ts) calls this every couple of seconds. An advisory
 * lock inside the query lets one process at a time do it.
 */
import type pg from 'pg';
import { sql } from '../sql/index.ts';

const SNAP_LOCK = 727_019;

/** Snaps up to `max` moved units to their nearest crossing; returns how many were snapped. */
export async function snapMovedUnits(db: pg.Pool, max = 20_000): Promise<number> {
  const res = await db.query(sql('patrols/snap'), [max, SNAP_LOCK]);
  return res.rowCount ?? 0;
}
