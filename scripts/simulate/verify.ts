/**
 * After a run: does the database hold exactly what the server acknowledged to the simulator?
 * Every acknowledged report stored, none stored twice or unasked; every incident's history,
 * version and outbox events agree; every acknowledged action is the history row its version
 * names. Read-only.
 */
import type pg from 'pg';
import type { Simulator } from './engine.ts';

export interface Finding {
  check: string;
  ok: boolean;
  detail: string;
  examples?: string[];
}

export async function verifyRun(
  db: pg.Pool | pg.ClientBase,
  sim: Simulator,
  username: string,
  since: Date,
): Promise<Finding[]> {
  const out: Finding[] = [];
  const attempted = [...sim.attempted];
  const acked = [...sim.acked];

  const { rows: stored } = await db.query<{ id: string }>('SELECT id::text FROM incidents WHERE id = ANY($1::uuid[])', [
    attempted,
  ]);
  const storedSet = new Set(stored.map((r) => r.id));
  const lost = acked.filter((id) => !storedSet.has(id));
  out.push({
    check: 'acknowledged reports stored',
    ok: lost.length === 0,
    detail: `${acked.length - lost.length}/${acked.length}`,
    examples: lost.slice(0, 5),
  });
  const unacked = stored.filter((r) => !sim.acked.has(r.id)).length;
  out.push({
    check: 'reports stored without an acknowledgement',
    ok: true,
    detail: `${unacked} (committed, answer lost; fine: the client gave up before a retry got through)`,
  });

  const { rows: strangers } = await db.query<{ id: string }>(
    `SELECT DISTINCT h.incident_id::text AS id FROM incident_history h
     WHERE h.action = 'report' AND h.actor = $1 AND h.at >= $2 AND NOT (h.incident_id = ANY($3::uuid[]))`,
    [username, since, attempted],
  );
  out.push({
    check: 'no reports the simulator never sent',
    ok: strangers.length === 0,
    detail: `${strangers.length}`,
    examples: strangers.slice(0, 5).map((r) => r.id),
  });

  const ids = [...new Set([...attempted, ...sim.touched])];
  const { rows: per } = await db.query<{
    id: string;
    version: number;
    reports: number;
    history: number;
    created: number;
    updated: number;
  }>(
    `WITH ids AS (SELECT unnest($1::uuid[]) AS id),
     h AS (SELECT incident_id AS id, count(*) FILTER (WHERE action = 'report')::int AS reports, count(*)::int AS history
           FROM incident_history WHERE incident_id IN (SELECT id FROM ids) GROUP BY 1),
     e AS (SELECT (payload->'incident'->>'id')::uuid AS id,
                  count(*) FILTER (WHERE type = 'incident.created')::int AS created,
                  count(*) FILTER (WHERE type = 'incident.updated')::int AS updated
           FROM events WHERE type IN ('incident.created', 'incident.updated') GROUP BY 1)
     SELECT i.id::text, i.version, coalesce(h.reports, 0) AS reports, coalesce(h.history, 0) AS history,
            coalesce(e.created, 0) AS created, coalesce(e.updated, 0) AS updated
     FROM incidents i LEFT JOIN h ON h.id = i.id LEFT JOIN e ON e.id = i.id
     WHERE i.id IN (SELECT id FROM ids)`,
    [ids],
  );
  const own = per.filter((r) => sim.attempted.has(r.id));
  const twice = own.filter((r) => r.reports !== 1 || r.created !== 1);
  out.push({
    check: 'each report stored once (one report row, one incident.created event)',
    ok: twice.length === 0,
    detail: `${own.length - twice.length}/${own.length}`,
    examples: twice.slice(0, 5).map((r) => `${r.id} reports=${r.reports} created=${r.created}`),
  });
  // Seeded incidents have history but no outbox events from before the run; compare only ours.
  const skew = own.filter((r) => r.version !== r.history || r.created + r.updated !== r.history);
  out.push({
    check: 'version = history rows = outbox events (own incidents)',
    ok: skew.length === 0,
    detail: `${own.length - skew.length}/${own.length}`,
    examples: skew
      .slice(0, 5)
      .map((r) => `${r.id} version=${r.version} history=${r.history} events=${r.created + r.updated}`),
  });
  const adopted = per.filter((r) => !sim.attempted.has(r.id));
  const adoptedSkew = adopted.filter((r) => r.version !== r.history);
  out.push({
    check: 'version = history rows (adopted incidents)',
    ok: adoptedSkew.length === 0,
    detail: `${adopted.length - adoptedSkew.length}/${adopted.length}`,
    examples: adoptedSkew.slice(0, 5).map((r) => `${r.id} version=${r.version} history=${r.history}`),
  });

  const touched = [...new Set(sim.ackedActions.map((a) => a.id))];
  const { rows: hist } = await db.query<{ id: string; n: number; action: string; to_status: string; actor: string }>(
    `SELECT incident_id::text AS id, row_number() OVER (PARTITION BY incident_id ORDER BY id)::int AS n, action, to_status, actor
     FROM incident_history WHERE incident_id = ANY($1::uuid[])`,
    [touched],
  );
  const byKey = new Map(hist.map((h) => [`${h.id}:${h.n}`, h]));
  const wrong = sim.ackedActions.filter((a) => {
    const h = byKey.get(`${a.id}:${a.version}`);
    return !h || h.action !== a.action || h.to_status !== a.to || h.actor !== username;
  });
  out.push({
    check: 'acknowledged actions are in the history, at their version',
    ok: wrong.length === 0,
    detail: `${sim.ackedActions.length - wrong.length}/${sim.ackedActions.length}`,
    examples: wrong
      .slice(0, 5)
      .map(
        (a) =>
          `${a.id} v${a.version} ${a.action}→${a.to}: found ${JSON.stringify(byKey.get(`${a.id}:${a.version}`) ?? null)}`,
      ),
  });
  const ackedPerIncident = new Map<string, number>();
  for (const a of sim.ackedActions) ackedPerIncident.set(a.id, (ackedPerIncident.get(a.id) ?? 0) + 1);
  const { rows: mine } = await db.query<{ id: string; n: number }>(
    `SELECT incident_id::text AS id, count(*)::int AS n FROM incident_history
     WHERE actor = $1 AND action <> 'report' AND at >= $2 AND incident_id = ANY($3::uuid[]) GROUP BY 1`,
    [username, since, ids],
  );
  const unacknowledgedSteps = mine.reduce((s, r) => s + Math.max(0, r.n - (ackedPerIncident.get(r.id) ?? 0)), 0);
  out.push({
    check: 'actions committed without an acknowledgement',
    ok: true,
    detail: `${unacknowledgedSteps} (answer lost to a kill or a timeout; the simulator re-read and carried on)`,
  });
  return out;
}

export function formatFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `  ${f.ok ? 'ok  ' : 'FAIL'} ${f.check}: ${f.detail}${f.examples?.length ? `\n         e.g. ${f.examples.join('\n              ')}` : ''}`,
    )
    .join('\n');
}
