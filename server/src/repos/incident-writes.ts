/**
 * Incident changes. Each runs in one transaction with its history row and its outbox event:
 * all or nothing.
 */
import type pg from 'pg';
import type { HistoryEntry, IncidentSummary } from '../contract/events.ts';
import type { Grade, IncidentCategory } from '../domain/incidents.ts';
import { isClosed } from '../domain/incidents.ts';
import { dueAt, transition, type Action, type Deadlines } from '../domain/workflow.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { appendEvent } from './outbox.ts';

export async function inTransaction<T>(db: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

type SummaryRow = Omit<IncidentSummary, 'reported_at' | 'updated_at' | 'closed_at' | 'due_at'> & {
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  reported_by: string;
};

export function toSummary(r: SummaryRow, deadlines: Deadlines): IncidentSummary {
  const due = dueAt(r.grade, r.status, r.updated_at, deadlines);
  return {
    id: r.id, category: r.category, grade: r.grade, status: r.status, source: r.source, description: r.description,
    reported_at: r.reported_at.toISOString(), updated_at: r.updated_at.toISOString(),
    closed_at: r.closed_at ? r.closed_at.toISOString() : null, due_at: due ? due.toISOString() : null,
    grid_id: r.grid_id, community_id: r.community_id, street_office_id: r.street_office_id, district_id: r.district_id,
    assigned_unit_id: r.assigned_unit_id, duplicate_of: r.duplicate_of, version: r.version, lon: r.lon, lat: r.lat,
  };
}

export async function getSummaryRow(db: pg.Pool | pg.ClientBase, id: string, lock = false): Promise<SummaryRow | null> {
  if (lock) await db.query('SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<SummaryRow>('SELECT * FROM incident_summaries WHERE id = $1', [id]);
  return rows[0] ?? null;
}

function toHistory(r: Omit<HistoryEntry, 'at'> & { at: Date }): HistoryEntry {
  return { ...r, at: r.at.toISOString() };
}

export async function getHistory(db: pg.Pool, id: string): Promise<HistoryEntry[]> {
  const { rows } = await db.query(sql('incidents/history'), [id]);
  return rows.map(toHistory);
}

export interface NewIncident {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  source: string;
  description: string;
  photos: unknown[];
  reportedAt: Date;
  lon: number;
  lat: number;
}

/**
 * Stores a report once. Returns `created: false` with the stored incident when the same id
 * was already reported with the same content (a retry); a different report under a used id
 * is a conflict.
 */
export async function createIncident(
  db: pg.Pool,
  n: NewIncident,
  actor: string,
  deadlines: Deadlines,
): Promise<{ created: boolean; incident: IncidentSummary }> {
  return inTransaction(db, async (client) => {
    const { rows: located } = await client.query(sql('incidents/locate'), [n.lon, n.lat]);
    if (!located.length) throw appError('outside_area', `The point ${n.lon}, ${n.lat} lies outside every grid of the city`);
    const { rows } = await client.query(sql('incidents/create'), [
      n.id, n.category, n.grade, n.source, n.description, JSON.stringify(n.photos), actor, n.reportedAt, n.lon, n.lat,
    ]);
    if (!rows.length) {
      const existing = (await getSummaryRow(client, n.id))!;
      const same = existing.category === n.category && existing.reported_by === actor &&
        Math.abs(existing.lon - n.lon) < 1e-7 && Math.abs(existing.lat - n.lat) < 1e-7;
      if (!same) throw appError('conflict', `Incident id ${n.id} is already used by another report`);
      return { created: false, incident: toSummary(existing, deadlines) };
    }
    const { rows: [h] } = await client.query(sql('incidents/history-insert'), [n.id, 'report', null, 'reported', actor, n.description, n.lon, n.lat]);
    const incident = toSummary((await getSummaryRow(client, n.id))!, deadlines);
    await appendEvent(client, {
      type: 'incident.created',
      payload: { incident, history: toHistory(h) },
      districtId: incident.district_id,
      communityId: incident.community_id,
    });
    return { created: true, incident };
  });
}

export interface ActionInput {
  action: Action;
  note: string;
  version?: number;
  unitId?: number;
  duplicateOf?: string;
  evaluation?: number;
  department?: string;
  lon?: number;
  lat?: number;
}

export async function applyAction(
  db: pg.Pool,
  id: string,
  input: ActionInput,
  actor: string,
  deadlines: Deadlines,
): Promise<{ incident: IncidentSummary; history: HistoryEntry }> {
  return inTransaction(db, async (client) => {
    const current = await getSummaryRow(client, id, true);
    if (!current) throw appError('not_found', `No incident ${id}`);
    if (input.version !== undefined && input.version !== current.version) {
      throw appError('conflict', `Incident ${id} is at version ${current.version}, not ${input.version}; reload it`, { version: current.version });
    }
    const step = transition(current.status, input.action);
    if (!step.ok) throw appError('illegal_transition', step.reason, { status: current.status, allowed: step.allowed });
    if (input.action === 'mark_duplicate') {
      if (!input.duplicateOf) throw appError('bad_request', 'mark_duplicate needs duplicate_of: the incident this one repeats');
      if (input.duplicateOf === id) throw appError('bad_request', 'An incident cannot duplicate itself');
      const { rowCount } = await client.query('SELECT 1 FROM incidents WHERE id = $1', [input.duplicateOf]);
      if (!rowCount) throw appError('bad_request', `duplicate_of ${input.duplicateOf} is not a known incident`);
    }
    if (input.action === 'evaluate' && input.evaluation === undefined) {
      throw appError('bad_request', 'evaluate needs evaluation: a score from 1 to 5');
    }
    if (input.unitId !== undefined) {
      const { rowCount } = await client.query('SELECT 1 FROM patrol_units WHERE id = $1', [input.unitId]);
      if (!rowCount) throw appError('bad_request', `unit ${input.unitId} does not exist`);
    }
    await client.query(sql('incidents/transition'), [
      id, step.to, isClosed(step.to), input.unitId ?? null, input.duplicateOf ?? null, input.evaluation ?? null, input.department ?? null,
    ]);
    const { rows: [h] } = await client.query(sql('incidents/history-insert'), [
      id, input.action, current.status, step.to, actor, input.note, input.lon ?? null, input.lat ?? null,
    ]);
    const incident = toSummary((await getSummaryRow(client, id))!, deadlines);
    const history = toHistory(h);
    await appendEvent(client, {
      type: 'incident.updated',
      payload: { incident, history },
      districtId: incident.district_id,
      communityId: incident.community_id,
    });
    return { incident, history };
  });
}

/** Announces steps that have just gone overdue, once each; returns how many. */
export async function announceOverdue(db: pg.Pool, deadlines: Deadlines, limit = 200): Promise<number> {
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(sql('incidents/newly-overdue'), [JSON.stringify(deadlines), limit]);
    for (const { id } of rows) {
      await client.query('UPDATE incidents SET overdue_notified_at = now() WHERE id = $1', [id]);
      const incident = toSummary((await getSummaryRow(client, id))!, deadlines);
      await appendEvent(client, {
        type: 'incident.overdue',
        payload: { incident },
        districtId: incident.district_id,
        communityId: incident.community_id,
      });
    }
    return rows.length;
  });
}
