/**
 * Keeps each unit's nearest street crossing current without slowing ingest: ingest clears a
 * moved unit's crossing, and this finds it again every couple of seconds (one process at a
 * time, thanks to an advisory lock), so that nearest-unit and reach searches join on it. The
 * nearest-unit query snaps any unit still waiting itself, so a result is never stale.
 */
import type pg from 'pg';
import { isDatabaseUnavailable } from '../errors.ts';
import { sql } from '../sql/index.ts';

const SNAP_LOCK = 727_019;

export async function snapMovedUnits(db: pg.Pool, max = 20_000): Promise<number> {
  const res = await db.query(sql('patrols/snap'), [max, SNAP_LOCK]);
  return res.rowCount ?? 0;
}

export function startPatrolSnapper(db: pg.Pool, everyMs: number, log: { error: (o: object, m: string) => void }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    snapMovedUnits(db)
      .catch((err) => { if (!isDatabaseUnavailable(err)) log.error({ err }, 'snapping patrol units failed'); })
      .finally(() => { running = false; });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
