/**
 * How operators and grid workers move an incident through the closed loop: its fate is drawn
 * when it is first seen (rejected, merged as a duplicate, escalated, reopened once after a failed
 * verification, or left waiting in the backlog), and each step follows after a human delay.
 * Pure: the engine does the I/O.
 */
import type { Grade, IncidentStatus } from '../../server/src/domain/incidents.ts';
import type { Action } from '../../server/src/domain/workflow.ts';
import type { Rng } from './random.ts';
import { EVALUATIONS } from './vocabulary.ts';

export interface Fate {
  /** Marked as a duplicate of this incident (an earlier report the server suggested). */
  duplicateOf: string | null;
  reject: boolean;
  /** Blow the whistle before dispatching, after the first dispatch, or not at all. */
  escalate: 'none' | 'before' | 'after';
  /** Verification fails once and the incident goes back to the field. */
  reopen: boolean;
  /** Nobody gets to it beyond this status during the run (the backlog). */
  stallAt: IncidentStatus | null;
  score: { score: number; note: string };
}

export interface Progress {
  reopened: number;
  escalated: number;
}

export interface Suggestion {
  id: string;
  distance_m: number;
  reported_at: string;
}

/**
 * How likely an operator merges a report into a suggested earlier one: nearly always when it is
 * a few dozen metres away and from the last couple of hours, rarely when it is merely the same
 * category within the server's wider radius and window (it is probably another problem).
 */
export function mergeChance(s: Suggestion, now = Date.now()): number {
  const ageH = (now - Date.parse(s.reported_at)) / 3_600_000;
  if (s.distance_m <= 80 && ageH <= 2) return 0.85;
  if (s.distance_m <= 80) return 0.3;
  return 0.05;
}

export function chooseFate(rng: Rng, grade: Grade, suggestions: readonly Suggestion[] = []): Fate {
  const escalateP = grade === 'difficult' ? 0.6 : grade === 'key' ? 0.08 : 0.01;
  const best = suggestions.length ? suggestions.reduce((a, b) => (mergeChance(b) > mergeChance(a) ? b : a)) : null;
  return {
    duplicateOf: best && rng.chance(mergeChance(best)) ? best.id : null,
    reject: rng.chance(0.03),
    escalate: rng.chance(escalateP) ? (rng.chance(0.7) ? 'before' : 'after') : 'none',
    reopen: rng.chance(0.05),
    stallAt: rng.chance(0.04) ? rng.pick(['reported', 'accepted', 'dispatched', 'handled'] as const) : null,
    score: rng.weighted(EVALUATIONS, (e) => e.weight),
  };
}

export interface Step {
  action: Action;
  /** Median human delay before the step, in seconds at speed 1. */
  medianS: number;
}

/** The next step for an incident in `status`, or null when nobody will act on it now. */
export function nextStep(status: IncidentStatus, grade: Grade, fate: Fate, p: Progress): Step | null {
  if (fate.stallAt === status) return null;
  const urgent = grade !== 'routine';
  switch (status) {
    case 'reported':
      if (fate.duplicateOf) return { action: 'mark_duplicate', medianS: 25 };
      if (fate.reject) return { action: 'reject', medianS: 30 };
      return { action: 'accept', medianS: urgent ? 8 : 20 };
    case 'accepted':
      if (fate.escalate === 'before' && p.escalated === 0) return { action: 'escalate', medianS: 40 };
      return { action: 'dispatch', medianS: urgent ? 10 : 20 };
    case 'escalated':
      return { action: 'dispatch', medianS: 60 };
    case 'dispatched':
      if (fate.escalate === 'after' && p.escalated === 0) return { action: 'escalate', medianS: 90 };
      return { action: 'handle', medianS: grade === 'difficult' ? 240 : urgent ? 90 : 120 };
    case 'handled':
      if (fate.reopen && p.reopened === 0) return { action: 'reopen', medianS: 45 };
      return { action: 'verify', medianS: 45 };
    case 'verified':
      return { action: 'archive', medianS: 20 };
    case 'archived':
      return { action: 'evaluate', medianS: 60 };
    default:
      return null; // evaluated, rejected, duplicate: the loop is closed
  }
}
