/**
 * GPS fix ingest: judge a batch with the pure plausibility rules against each unit's stored
 * position, then store the accepted fixes (grid by spatial join) and move current positions in
 * ONE statement. Returns counts per outcome and the positions that moved, for the live feed.
 */
import type pg from 'pg';
import type { PatrolPositionRow } from '../contract/events.ts';
import {
  judgeFixes,
  type FixInput,
  type FixRules,
  type LastFix,
  type RejectReason,
  DEFAULT_FIX_RULES,
} from '../domain/patrol-fixes.ts';
import { sql } from '../sql/index.ts';

export interface IngestResult {
  received: number;
  stored: number;
  /** Accepted but already stored (a device resending a batch). */
  already_stored: number;
  /** Stored in the track, but older than the unit's current position. */
  late: number;
  rejected: Record<RejectReason, number>;
  moved: PatrolPositionRow[];
}

export async function ingestFixes(
  db: pg.Pool,
  batch: FixInput[],
  now = Date.now(),
  rules: FixRules = DEFAULT_FIX_RULES,
): Promise<IngestResult> {
  const units = [...new Set(batch.map((f) => f.unit).filter((u) => Number.isInteger(u) && u > 0 && u < 2 ** 31))];
  const { rows } = await db.query<{ id: number; lon: number | null; lat: number | null; last_fix_at: Date | null }>(
    sql('patrols/last'),
    [units],
  );
  const last = new Map<number, LastFix | null>(
    rows.map((r) => [
      r.id,
      r.last_fix_at && r.lon !== null ? { lon: r.lon, lat: r.lat!, t: r.last_fix_at.getTime() } : null,
    ]),
  );
  const judged = judgeFixes(batch, last, now, rules);
  const a = judged.accepted;
  if (!a.length)
    return { received: batch.length, stored: 0, already_stored: 0, late: 0, rejected: judged.rejected, moved: [] };
  const { rows: out } = await db.query<{ stored: number; moved: PatrolPositionRow[] }>(sql('patrols/ingest'), [
    a.map((f) => f.unit),
    a.map((f) => new Date(f.t)),
    a.map((f) => f.lon),
    a.map((f) => f.lat),
    a.map((f) => f.accuracy ?? null),
    a.map((f) => f.speed ?? null),
    a.map((f) => judged.current.get(f.unit) === f),
  ]);
  return {
    received: batch.length,
    stored: out[0].stored,
    already_stored: a.length - out[0].stored,
    late: judged.late,
    rejected: judged.rejected,
    moved: out[0].moved,
  };
}

/** Deletes fixes older than the retention setting (`patrol_fix_retention_days`); returns how many. */
export async function purgeOldFixes(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT purge_patrol_fixes() AS n');
  return Number(rows[0].n);
}
