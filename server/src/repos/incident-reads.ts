/** Incident reads for the console and for live snapshots. */
import type pg from 'pg';
import type { IncidentSummary } from '../contract/events.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { sql } from '../sql/index.ts';
import { toSummary } from './incident-writes.ts';
import { inTransaction } from './transaction.ts';

/**
 * Every open incident plus the last day's closed ones, with the seq they are consistent with
 * (read in one REPEATABLE READ snapshot so no event slips between the two).
 */
export async function openIncidentSnapshot(
  db: pg.Pool,
  deadlines: Deadlines,
  area: { district?: number; community?: number },
): Promise<{ incidents: IncidentSummary[]; latest: number }> {
  return inTransaction(
    db,
    async (client) => {
      const {
        rows: [{ latest }],
      } = await client.query<{ latest: number }>('SELECT coalesce(max(seq), 0) AS latest FROM events');
      const { rows } = await client.query(
        `SELECT s.* FROM incident_summaries s
       WHERE (s.closed_at IS NULL OR s.updated_at > now() - interval '1 day')
         AND ($1::int IS NULL OR s.district_id = $1) AND ($2::int IS NULL OR s.community_id = $2)
       ORDER BY s.reported_at DESC LIMIT 20000`,
        [area.district ?? null, area.community ?? null],
      );
      return { incidents: rows.map((r) => toSummary(r, deadlines)), latest };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

export interface QueueFilter {
  status: string | null;
  grade: string | null;
  category: string | null;
  district: number | null;
  community: number | null;
  overdueOnly: boolean;
  limit: number;
}

export async function incidentQueue(db: pg.Pool, deadlines: Deadlines, f: QueueFilter) {
  const { rows } = await db.query(sql('incidents/queue'), [
    JSON.stringify(deadlines),
    f.status,
    f.grade,
    f.category,
    f.district,
    f.community,
    f.limit,
    f.overdueOnly,
  ]);
  return rows.map((r) => ({ ...toSummary(r, deadlines), overdue: r.overdue as boolean }));
}

export async function duplicateCandidates(
  db: pg.Pool,
  deadlines: Deadlines,
  q: {
    excludeId: string | null;
    lon: number;
    lat: number;
    category: string;
    at: Date;
    radiusM: number;
    windowH: number;
  },
) {
  const { rows } = await db.query(sql('incidents/duplicates'), [
    q.excludeId,
    q.lon,
    q.lat,
    q.radiusM,
    q.windowH,
    q.category,
    q.at,
  ]);
  return rows.map((r) => ({ ...toSummary(r, deadlines), distance_m: r.distance_m as number }));
}
