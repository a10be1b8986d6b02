/**
 * The incident closed loop (Yongzhou's six steps: discover & report → accept & dispatch →
 * handle & feed back → verify → archive → evaluate), with rejection, duplicates, reopening when
 * verification fails, and escalation ("blowing the whistle" so a department must respond).
 * Pure rules: no I/O. The database stores the state; this decides what may happen next.
 */
import { ACTION_NAMES, type Grade, type IncidentAction, type IncidentStatus } from '../contract/vocabulary.ts';
import { can, type Role } from './roles.ts';

export const ACTIONS = {
  accept: { from: ['reported'], to: 'accepted', ...ACTION_NAMES.accept },
  reject: { from: ['reported', 'accepted'], to: 'rejected', ...ACTION_NAMES.reject },
  mark_duplicate: { from: ['reported', 'accepted'], to: 'duplicate', ...ACTION_NAMES.mark_duplicate },
  dispatch: { from: ['accepted', 'escalated'], to: 'dispatched', ...ACTION_NAMES.dispatch },
  escalate: { from: ['accepted', 'dispatched'], to: 'escalated', ...ACTION_NAMES.escalate },
  handle: { from: ['dispatched'], to: 'handled', ...ACTION_NAMES.handle },
  reopen: { from: ['handled'], to: 'dispatched', ...ACTION_NAMES.reopen },
  verify: { from: ['handled'], to: 'verified', ...ACTION_NAMES.verify },
  archive: { from: ['verified'], to: 'archived', ...ACTION_NAMES.archive },
  evaluate: { from: ['archived'], to: 'evaluated', ...ACTION_NAMES.evaluate },
  // The field side. Acknowledging and asking for help leave the status as it is (the history
  // row and its event are the point); sending back returns the task to the console's queue.
  acknowledge: { from: ['dispatched'], to: 'dispatched', ...ACTION_NAMES.acknowledge },
  request_help: { from: ['dispatched'], to: 'dispatched', ...ACTION_NAMES.request_help },
  send_back: { from: ['dispatched'], to: 'accepted', ...ACTION_NAMES.send_back },
} as const satisfies Record<
  IncidentAction,
  { from: readonly IncidentStatus[]; to: IncidentStatus; en: string; zh: string }
>;

export type Action = keyof typeof ACTIONS;

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

/** Actions allowed from a status, in workflow order. */
export function allowedActions(status: IncidentStatus): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => (ACTIONS[a].from as readonly string[]).includes(status));
}

/** Actions the server refuses without a note saying why: a call for help, a task given back. */
export const NOTE_REQUIRED: ReadonlySet<Action> = new Set<Action>(['request_help', 'send_back']);

/** What a grid worker may do, and only on an incident dispatched to their own unit. */
export const WORKER_ACTIONS: readonly Action[] = ['acknowledge', 'handle', 'request_help', 'send_back'];

/** Who is acting: their role and, for a worker, whether the incident is assigned to their unit. */
export interface Actor {
  role: Role;
  /** The incident's assigned unit is the actor's own unit. */
  ownsIncident: boolean;
}

/** Whether this actor may take this action at all (the status is judged by transition()). */
export function mayTake(actor: Actor, action: Action): { ok: true } | { ok: false; reason: string } {
  if (can(actor.role, 'incidents:write')) return { ok: true };
  if (actor.role !== 'worker') return { ok: false, reason: `A ${actor.role} may not act on incidents` };
  if (!WORKER_ACTIONS.includes(action))
    return { ok: false, reason: `A grid worker may only ${WORKER_ACTIONS.join(', ')}; ${action} is the console's` };
  if (!actor.ownsIncident) return { ok: false, reason: 'This incident is not assigned to your unit' };
  return { ok: true };
}

/** The actions this actor may take now: the status's actions, narrowed to the actor's role. */
export function allowedFor(status: IncidentStatus, actor: Actor): Action[] {
  return allowedActions(status).filter((a) => mayTake(actor, a).ok);
}

export type TransitionResult = { ok: true; to: IncidentStatus } | { ok: false; allowed: Action[]; reason: string };

export function transition(status: IncidentStatus, action: Action): TransitionResult {
  const def = ACTIONS[action];
  if ((def.from as readonly string[]).includes(status)) return { ok: true, to: def.to };
  const allowed = allowedActions(status);
  return {
    ok: false,
    allowed,
    reason: allowed.length
      ? `cannot ${action} an incident that is ${status}; allowed: ${allowed.join(', ')}`
      : `cannot ${action} an incident that is ${status}; it is closed`,
  };
}

/**
 * How long each step may take, per grade, in minutes: the time allowed in a status before the
 * next step is due. Configuration, not code: callers may pass their own table.
 */
export type Deadlines = Record<Grade, Partial<Record<IncidentStatus, number>>>;

export const DEFAULT_DEADLINES: Deadlines = {
  routine: {
    reported: 60,
    accepted: 120,
    dispatched: 48 * 60,
    escalated: 24 * 60,
    handled: 24 * 60,
    verified: 72 * 60,
  },
  key: { reported: 15, accepted: 30, dispatched: 24 * 60, escalated: 12 * 60, handled: 12 * 60, verified: 48 * 60 },
  difficult: {
    reported: 15,
    accepted: 60,
    dispatched: 72 * 60,
    escalated: 24 * 60,
    handled: 24 * 60,
    verified: 72 * 60,
  },
};

/** When the current step is due, or null for statuses with no deadline (closed ones). */
export function dueAt(
  grade: Grade,
  status: IncidentStatus,
  enteredAt: Date,
  deadlines: Deadlines = DEFAULT_DEADLINES,
): Date | null {
  const minutes = deadlines[grade]?.[status];
  return minutes === undefined ? null : new Date(enteredAt.getTime() + minutes * 60_000);
}

export function isOverdue(
  grade: Grade,
  status: IncidentStatus,
  enteredAt: Date,
  now: Date,
  deadlines: Deadlines = DEFAULT_DEADLINES,
): boolean {
  const due = dueAt(grade, status, enteredAt, deadlines);
  return due !== null && now > due;
}

const GRADE_WEIGHT: Record<Grade, number> = { difficult: 3, key: 2, routine: 1 };

/**
 * Urgency for ordering an operator's queue: overdue first, then by grade, then by how soon
 * (or how long ago) the current step is due.
 */
export function urgency(i: { grade: Grade; overdue: boolean; dueAt: Date | null }, now: Date): number {
  const minutesLeft = i.dueAt ? (i.dueAt.getTime() - now.getTime()) / 60_000 : 1e6;
  return (i.overdue ? 1e7 : 0) + GRADE_WEIGHT[i.grade] * 1e6 - Math.max(-9e5, Math.min(9e5, minutesLeft));
}

/**
 * Reads a deadline table from configuration (JSON: {grade: {status: minutes}}), falling back to
 * the defaults for whatever it leaves out. Throws with the reason when the table is malformed.
 */
export function parseDeadlines(json: string): Deadlines {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('deadlines must be JSON like {"key": {"reported": 15}}');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('deadlines must be an object keyed by grade');
  const out: Deadlines = structuredClone(DEFAULT_DEADLINES);
  for (const [grade, steps] of Object.entries(raw as Record<string, unknown>)) {
    if (!(grade in out)) throw new Error(`deadlines: unknown grade "${grade}" (routine, key, difficult)`);
    if (!steps || typeof steps !== 'object') throw new Error(`deadlines.${grade} must map statuses to minutes`);
    for (const [status, minutes] of Object.entries(steps as Record<string, unknown>)) {
      if (!STEP_STATUSES.includes(status as IncidentStatus))
        throw new Error(`deadlines.${grade}: "${status}" is not an open status`);
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0) {
        throw new Error(`deadlines.${grade}.${status} must be a whole number of minutes above 0`);
      }
      out[grade as Grade][status as IncidentStatus] = minutes;
    }
  }
  return out;
}

const STEP_STATUSES: IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'escalated', 'handled', 'verified'];
