/**
 * The operator console's state and its pure updater: the live queue (state/queue.ts), the
 * selected incident's card, duplicates and nearest units, the action in flight, and alerts.
 * No I/O, no clock: times come in the actions.
 */
import type { LiveEvent } from '../../../server/src/contract/events.ts';
import type {
  ActionResult,
  Area,
  DuplicateCandidate,
  IncidentAction,
  IncidentCard,
  IncidentSummary,
  PatrolUnit,
  QueueIncident,
} from '../api/incidents';
import type { Loadable } from './model';
import {
  abandonLoad,
  applyIncident,
  applySnapshot,
  beginLoad,
  emptyQueue,
  finishLoad,
  tick,
  type QueueFilter,
  type QueueState,
  NO_FILTER,
} from './queue';

export interface ConsoleAlert {
  /** `created:<id>`, `overdue:<id>:<version>` or `help:<id>:<version>`. */
  key: string;
  /** `help`: a grid worker on the task asked for help (request_help), with their note. */
  kind: 'created' | 'overdue' | 'help';
  incident: IncidentSummary;
  /** The worker's note of a `help` alert. */
  note?: string;
  /** When the client received it (ms). */
  at: number;
}

export interface ActionState {
  /** The action being sent, or null. */
  pending: IncidentAction | null;
  /** Unit being dispatched / incident marked as the original, for the button's spinner. */
  target: string | null;
  /** Why the last action failed (the server's message). */
  error: { code: string; message: string } | null;
  /** What the last action did, for a short confirmation. */
  done: { action: IncidentAction; at: number } | null;
}

export interface ConsoleState {
  queue: QueueState;
  queueStatus: { status: 'idle' | 'loading' | 'ready' | 'error'; message?: string; at?: number };
  areas: Area[];
  selectedId: string | null;
  /** What was known of the selected incident when it was picked (an alert's copy), until its card loads. */
  selectedHint: IncidentSummary | null;
  card: Loadable<IncidentCard>;
  /** Bumped whenever the selected card must be fetched again (a newer version exists). */
  cardReload: number;
  duplicates: Loadable<DuplicateCandidate[]>;
  units: Loadable<PatrolUnit[]>;
  action: ActionState;
  /** Newest first. */
  alerts: ConsoleAlert[];
}

/** Grades that raise an alert when reported. */
export const ALERT_GRADES: ReadonlySet<string> = new Set(['key', 'difficult']);
/** Alerts kept at most (the oldest go first). */
export const MAX_ALERTS = 50;

const NO_ACTION: ActionState = { pending: null, target: null, error: null, done: null };

export function initialConsoleState(filter: QueueFilter = NO_FILTER, selectedId: string | null = null): ConsoleState {
  return {
    queue: emptyQueue(filter),
    queueStatus: { status: 'idle' },
    areas: [],
    selectedId,
    selectedHint: null,
    card: selectedId ? { status: 'loading' } : { status: 'idle' },
    cardReload: 0,
    duplicates: { status: 'idle' },
    units: { status: 'idle' },
    action: NO_ACTION,
    alerts: [],
  };
}

export type ConsoleAction =
  | { type: 'queue/loading'; filter: QueueFilter }
  | { type: 'queue/loaded'; incidents: QueueIncident[]; now: number }
  | { type: 'queue/failed'; message: string }
  | { type: 'queue/tick'; now: number }
  | { type: 'live/event'; event: LiveEvent; now: number }
  | { type: 'live/snapshot'; incidents: IncidentSummary[]; now: number }
  | { type: 'areas/loaded'; areas: Area[] }
  | { type: 'incident/selected'; id: string | null; hint?: IncidentSummary | null }
  | { type: 'card/loaded'; id: string; card: IncidentCard; at: number }
  | { type: 'card/failed'; id: string; message: string }
  | { type: 'duplicates/loaded'; id: string; duplicates: DuplicateCandidate[]; at: number }
  | { type: 'duplicates/failed'; id: string; message: string }
  | { type: 'units/loaded'; id: string; units: PatrolUnit[]; at: number }
  | { type: 'units/failed'; id: string; message: string }
  | { type: 'action/started'; id: string; action: IncidentAction; target?: string | null }
  | { type: 'action/succeeded'; id: string; result: ActionResult; now: number }
  | { type: 'action/failed'; id: string; code: string; message: string; reload: boolean }
  | { type: 'action/cleared' }
  | { type: 'alert/dismissed'; key: string }
  | { type: 'alerts/dismissedKind'; kind: ConsoleAlert['kind'] }
  | { type: 'alerts/cleared' };

function keepData<T>(current: Loadable<T>): Loadable<T> {
  return 'data' in current && current.data !== undefined
    ? { status: 'loading', data: current.data }
    : { status: 'loading' };
}

/** The alert an event raises, if any. */
export function alertFor(event: LiveEvent, now: number): ConsoleAlert | null {
  const incident = event.incident;
  if (!incident) return null;
  if (event.type === 'incident.created' && ALERT_GRADES.has(incident.grade)) {
    return { key: `created:${incident.id}`, kind: 'created', incident, at: now };
  }
  if (event.type === 'incident.overdue') {
    return { key: `overdue:${incident.id}:${incident.version}`, kind: 'overdue', incident, at: now };
  }
  if (event.type === 'incident.updated' && event.history?.action === 'request_help') {
    const note = event.history.note;
    return { key: `help:${incident.id}:${incident.version}`, kind: 'help', incident, note, at: now };
  }
  return null;
}

function addAlert(alerts: ConsoleAlert[], alert: ConsoleAlert): ConsoleAlert[] {
  if (alerts.some((a) => a.key === alert.key)) return alerts;
  return [alert, ...alerts].slice(0, MAX_ALERTS);
}

/** A newer version of the selected incident: show it now, fetch the card (allowed actions) again. */
function cardSeesIncident(
  state: ConsoleState,
  incident: IncidentSummary,
  history?: IncidentCard['history'][number],
): ConsoleState {
  if (incident.id !== state.selectedId) return state;
  const card = 'data' in state.card ? state.card.data : undefined;
  if (card && card.incident.version >= incident.version) return state;
  return {
    ...state,
    card: card
      ? { status: 'loading', data: { ...card, incident, history: history ? [...card.history, history] : card.history } }
      : keepData(state.card),
    cardReload: state.cardReload + 1,
  };
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'queue/loading':
      return {
        ...state,
        queue: beginLoad(state.queue, action.filter),
        queueStatus: { ...state.queueStatus, status: 'loading' },
      };
    case 'queue/loaded':
      return {
        ...state,
        queue: finishLoad(state.queue, action.incidents, action.now),
        queueStatus: { status: 'ready', at: action.now },
      };
    case 'queue/failed':
      return { ...state, queue: abandonLoad(state.queue), queueStatus: { status: 'error', message: action.message } };
    case 'queue/tick': {
      const queue = tick(state.queue, action.now);
      return queue === state.queue ? state : { ...state, queue };
    }

    case 'live/event': {
      const { event, now } = action;
      const incident = event.incident;
      if (!incident) return state;
      let next: ConsoleState = {
        ...state,
        queue: applyIncident(state.queue, incident, now, event.type === 'incident.overdue'),
      };
      const alert = alertFor(event, now);
      if (alert) next = { ...next, alerts: addAlert(next.alerts, alert) };
      return cardSeesIncident(next, incident, event.history);
    }
    case 'live/snapshot': {
      let next: ConsoleState = { ...state, queue: applySnapshot(state.queue, action.incidents, action.now) };
      const selected = action.incidents.find((i) => i.id === state.selectedId);
      if (selected) next = cardSeesIncident(next, selected);
      return next;
    }

    case 'areas/loaded':
      return { ...state, areas: action.areas };

    case 'incident/selected':
      if (action.id === state.selectedId) return state;
      return {
        ...state,
        selectedId: action.id,
        selectedHint: action.id && action.hint?.id === action.id ? action.hint : null,
        card: action.id ? { status: 'loading' } : { status: 'idle' },
        duplicates: action.id ? { status: 'loading' } : { status: 'idle' },
        units: action.id ? { status: 'loading' } : { status: 'idle' },
        action: NO_ACTION,
        // Opening an incident acknowledges its alerts.
        alerts: action.id ? dropAlertsOf(state.alerts, action.id) : state.alerts,
      };

    case 'card/loaded': {
      if (action.id !== state.selectedId) return state;
      const shown = 'data' in state.card ? state.card.data : undefined;
      // A late answer older than what is shown (an action's result came first) is dropped.
      if (shown && shown.incident.version > action.card.incident.version)
        return { ...state, card: { status: 'ready', data: shown, at: action.at } };
      return {
        ...state,
        card: { status: 'ready', data: action.card, at: action.at },
        queue: applyIncident(state.queue, action.card.incident, action.at),
      };
    }
    case 'card/failed':
      if (action.id !== state.selectedId) return state;
      return {
        ...state,
        card:
          'data' in state.card && state.card.data
            ? { status: 'error', message: action.message, data: state.card.data }
            : { status: 'error', message: action.message },
      };

    case 'duplicates/loaded':
      if (action.id !== state.selectedId) return state;
      return { ...state, duplicates: { status: 'ready', data: action.duplicates, at: action.at } };
    case 'duplicates/failed':
      if (action.id !== state.selectedId) return state;
      return { ...state, duplicates: { status: 'error', message: action.message } };
    case 'units/loaded':
      if (action.id !== state.selectedId) return state;
      return { ...state, units: { status: 'ready', data: action.units, at: action.at } };
    case 'units/failed':
      if (action.id !== state.selectedId) return state;
      return { ...state, units: { status: 'error', message: action.message } };

    case 'action/started':
      if (action.id !== state.selectedId) return state;
      return { ...state, action: { pending: action.action, target: action.target ?? null, error: null, done: null } };
    case 'action/succeeded': {
      const { result, now } = action;
      const queue = applyIncident(state.queue, result.incident, now);
      if (action.id !== state.selectedId) return { ...state, queue };
      const card = 'data' in state.card ? state.card.data : undefined;
      const history = card
        ? [...card.history.filter((h) => !sameHistory(h, result.history)), result.history]
        : [result.history];
      return {
        ...state,
        queue,
        card: { status: 'ready', data: { incident: result.incident, history, allowed: result.allowed }, at: now },
        action: {
          pending: null,
          target: null,
          error: null,
          done: { action: state.action.pending ?? (result.history.action as IncidentAction), at: now },
        },
      };
    }
    case 'action/failed':
      if (action.id !== state.selectedId) return state;
      return {
        ...state,
        action: { pending: null, target: null, error: { code: action.code, message: action.message }, done: null },
        card: action.reload ? keepData(state.card) : state.card,
        cardReload: action.reload ? state.cardReload + 1 : state.cardReload,
      };
    case 'action/cleared':
      return state.action === NO_ACTION ? state : { ...state, action: NO_ACTION };

    case 'alert/dismissed':
      return { ...state, alerts: state.alerts.filter((a) => a.key !== action.key) };
    case 'alerts/dismissedKind':
      return { ...state, alerts: state.alerts.filter((a) => a.kind !== action.kind) };
    case 'alerts/cleared':
      return state.alerts.length ? { ...state, alerts: [] } : state;
  }
}

function dropAlertsOf(alerts: ConsoleAlert[], id: string): ConsoleAlert[] {
  return alerts.some((a) => a.incident.id === id) ? alerts.filter((a) => a.incident.id !== id) : alerts;
}

function sameHistory(a: IncidentCard['history'][number], b: IncidentCard['history'][number]): boolean {
  return a.at === b.at && a.action === b.action && a.to_status === b.to_status && a.actor === b.actor;
}

/** Can this role move incidents through the loop? (The server checks it again.) */
export function canAct(role: string | null | undefined): boolean {
  return role === 'operator' || role === 'admin';
}

/** The selected incident as best known: its card, else its queue row, else the copy it was picked from. */
export function selectedIncident(s: ConsoleState): IncidentSummary | null {
  if (!s.selectedId) return null;
  const card = 'data' in s.card ? s.card.data : undefined;
  if (card && card.incident.id === s.selectedId) return card.incident;
  return s.queue.byId[s.selectedId] ?? s.selectedHint;
}
