/**
 * Incident changes. Each runs in one transaction with its history row and its outbox event:
 * all or nothing.
 */
import type pg from 'pg';
import type { HistoryEntry, IncidentSummary } from '../contract/events.ts';
import type { StoredPhoto } from '../contract/media.ts';
import type { Grade, IncidentCategory } from '../domain/incidents.ts';
import { isClosed } from '../domain/incidents.ts';
import { dueAt, NOTE_REQUIRED, transition, type Action, type Deadlines } from '../domain/workflow.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { appendEvent, OUTBOX_LOCK } from './outbox.ts';
import { inTransaction } from './transaction.ts';

type SummaryRow = Omit<IncidentSummary, 'reported_at' | 'updated_at' | 'closed_at' | 'due_at'> & {
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  reported_by: string;
};

export function toSummary(r: SummaryRow, deadlines: Deadlines): IncidentSummary {
  const due = dueAt(r.grade, r.status, r.updated_at, deadlines);
  return {
    id: r.id,
    category: r.category,
    grade: r.grade,
    status: r.status,
    source: r.source,
    description: r.description,
    reported_at: r.reported_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    closed_at: r.closed_at ? r.closed_at.toISOString() : null,
    due_at: due ? due.toISOString() : null,
    grid_id: r.grid_id,
    community_id: r.community_id,
    street_office_id: r.street_office_id,
    district_id: r.district_id,
    assigned_unit_id: r.assigned_unit_id,
    duplicate_of: r.duplicate_of,
    version: r.version,
    lon: r.lon,
    lat: r.lat,
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
  /** Stored photo items (see repos/media.ts reportPhotos), or legacy metadata-only entries. */
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
  // One statement: incident, history and outbox event commit together, inside PostgreSQL.
  const { rows } = await db
    .query<{ incident: IncidentSummary; history: HistoryEntry }>(sql('incidents/create'), [
      n.id,
      n.category,
      n.grade,
      n.source,
      n.description,
      JSON.stringify(n.photos),
      actor,
      n.reportedAt,
      n.lon,
      n.lat,
      JSON.stringify(deadlines),
      OUTBOX_LOCK,
    ])
    .catch((err: { code?: string; constraint?: string }) => {
      // The category register decides which codes exist (a city adds its own): one it lacks is bad input.
      if (err.code === '23503' && err.constraint === 'incidents_category_fk')
        throw appError('bad_request', `Unknown category ${n.category}: GET /api/categories lists the codes in use`);
      throw err;
    });
  if (rows.length) return { created: true, incident: rows[0].incident };
  const existing = await getSummaryRow(db, n.id);
  if (!existing) {
    throw appError('outside_area', `The point ${n.lon}, ${n.lat} lies outside every grid of the city`);
  }
  const same =
    existing.category === n.category &&
    existing.grade === n.grade &&
    existing.description === n.description &&
    existing.reported_by === actor &&
    Math.abs(existing.lon - n.lon) < 1e-7 &&
    Math.abs(existing.lat - n.lat) < 1e-7;
  if (!same) throw appError('conflict', `Incident id ${n.id} is already used by another report`);
  return { created: false, incident: toSummary(existing, deadlines) };
}

export interface ActionInput {
  action: Action;
  note: string;
  /** The version the step was decided on: the incident must still be at it. */
  version: number;
  unitId?: number;
  duplicateOf?: string;
  evaluation?: number;
  department?: string;
  lon?: number;
  lat?: number;
  /** Photos of this step, resolved and flagged (stage after): on the history row and the incident. */
  photos?: StoredPhoto[];
}

/** Which optional fields each action takes: anything else sent with it is a mistake. */
const ACTION_FIELDS: Record<Action, readonly (keyof ActionInput)[]> = {
  accept: [],
  reject: [],
  mark_duplicate: ['duplicateOf'],
  dispatch: ['unitId', 'department'],
  escalate: ['department'],
  handle: ['lon', 'lat'],
  reopen: [],
  verify: ['lon', 'lat'],
  archive: [],
  evaluate: ['evaluation'],
  acknowledge: [],
  request_help: ['lon', 'lat'],
  send_back: [],
};
const FIELD_NAMES: Partial<Record<keyof ActionInput, string>> = {
  unitId: 'unit_id',
  duplicateOf: 'duplicate_of',
  evaluation: 'evaluation',
  department: 'department',
  lon: 'lon',
  lat: 'lat',
};

function checkFields(input: ActionInput) {
  const allowed = ACTION_FIELDS[input.action];
  for (const [key, name] of Object.entries(FIELD_NAMES) as [keyof ActionInput, string][]) {
    if (input[key] !== undefined && !allowed.includes(key)) {
      throw appError(
        'bad_request',
        `${name} does not go with ${input.action}${allowed.length ? `; ${input.action} takes ${allowed.map((k) => FIELD_NAMES[k]).join(', ')}` : ''}`,
      );
    }
  }
  if ((input.lon === undefined) !== (input.lat === undefined)) throw appError('bad_request', 'lon and lat go together');
}

export async function applyAction(
  db: pg.Pool,
  id: string,
  input: ActionInput,
  actor: string,
  deadlines: Deadlines,
): Promise<{ incident: IncidentSummary; history: HistoryEntry }> {
  checkFields(input);
  // Optimistic: read, decide with the domain rules, then write only if nothing changed since.
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getSummaryRow(db, id);
    if (!current) throw appError('not_found', `No incident ${id}`);
    if (input.version !== current.version) {
      throw appError('conflict', `Incident ${id} is at version ${current.version}, not ${input.version}; reload it`, {
        version: current.version,
      });
    }
    const step = transition(current.status, input.action);
    if (!step.ok) throw appError('illegal_transition', step.reason, { status: current.status, allowed: step.allowed });
    if (input.action === 'mark_duplicate') await checkOriginal(db, id, input.duplicateOf);
    if (NOTE_REQUIRED.has(input.action) && !input.note.trim()) {
      throw appError('bad_request', `${input.action} needs a note saying why`);
    }
    if (input.action === 'evaluate' && input.evaluation === undefined) {
      throw appError('bad_request', 'evaluate needs evaluation: a score from 1 to 5');
    }
    if (input.unitId !== undefined) await checkUnitFree(db, id, input.unitId);
    const { rows } = await db.query<{ incident: IncidentSummary; history: HistoryEntry }>(sql('incidents/act'), [
      id,
      current.version,
      current.status,
      input.action,
      step.to,
      isClosed(step.to),
      input.unitId ?? null,
      input.duplicateOf ?? null,
      input.evaluation ?? null,
      input.department ?? null,
      actor,
      input.note,
      input.lon ?? null,
      input.lat ?? null,
      JSON.stringify(deadlines),
      OUTBOX_LOCK,
      JSON.stringify(input.photos ?? []),
    ]);
    if (rows.length) return rows[0];
    // Nothing written: the unit was taken meanwhile (say which), or the incident changed.
    if (input.unitId !== undefined) await checkUnitFree(db, id, input.unitId);
    throw appError('conflict', `Incident ${id} changed meanwhile; reload it`);
  }
  throw appError('conflict', `Incident ${id} keeps changing; reload it and try again`);
}

/**
 * A unit may be dispatched only when on patrol, or already responding to this very incident.
 * A clear reason up front; the dispatch statement itself decides races (sql/incidents/act.sql).
 */
async function checkUnitFree(db: pg.Pool, id: string, unitId: number) {
  const { rows } = await db.query<{ code: string; status: string; busy_with: string | null; mine: boolean }>(
    `SELECT p.code, p.status, EXISTS (SELECT 1 FROM incidents i WHERE i.id = $2 AND i.assigned_unit_id = p.id) AS mine,
            (SELECT o.id FROM incidents o WHERE o.assigned_unit_id = p.id AND o.id <> $2
               AND o.status IN ('dispatched', 'escalated') ORDER BY o.updated_at DESC LIMIT 1) AS busy_with
     FROM patrol_units p WHERE p.id = $1`,
    [unitId, id],
  );
  if (!rows.length) throw appError('bad_request', `unit ${unitId} does not exist`);
  const u = rows[0];
  if (u.status === 'off_duty')
    throw appError('unit_unavailable', `Unit ${u.code} is off duty and cannot be dispatched`, {
      unit_status: u.status,
    });
  if (u.busy_with)
    throw appError('unit_unavailable', `Unit ${u.code} is responding to incident ${u.busy_with}; send another unit`, {
      unit_status: u.status,
      busy_with: u.busy_with,
    });
  if (u.status === 'responding' && !u.mine)
    throw appError('unit_unavailable', `Unit ${u.code} is responding to another incident; send another unit`, {
      unit_status: u.status,
    });
}

/** The original of a duplicate must exist, differ, and be a live incident (not itself a duplicate). */
async function checkOriginal(db: pg.Pool, id: string, originalId: string | undefined) {
  if (!originalId) throw appError('bad_request', 'mark_duplicate needs duplicate_of: the incident this one repeats');
  if (originalId === id) throw appError('bad_request', 'An incident cannot duplicate itself');
  const { rows } = await db.query<{ status: string }>('SELECT status FROM incidents WHERE id = $1', [originalId]);
  if (!rows.length) throw appError('bad_request', `duplicate_of ${originalId} is not a known incident`);
  if (rows[0].status === 'duplicate' || rows[0].status === 'rejected') {
    throw appError(
      'bad_request',
      `duplicate_of ${originalId} is itself ${rows[0].status}; name the incident that is being handled`,
    );
  }
}

/** Announces steps that have just gone overdue, once each; returns how many. */
export async function announceOverdue(db: pg.Pool, deadlines: Deadlines, limit = 200): Promise<number> {
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(sql('incidents/newly-overdue'), [
      JSON.stringify(deadlines),
      limit,
    ]);
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
