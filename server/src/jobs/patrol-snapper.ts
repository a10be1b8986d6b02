/**
 * Keeps each unit's nearest street crossing current without slowing ingest: ingest clears a
 * moved unit's crossing, and this finds it again every couple of seconds (one process at a
 * time, thanks to an advisory lock), so that nearest-unit and reach searches join on it. The
 * nearest-unit query snaps any unit still waiting itself, so a result is never stale.
 */
import type { FastifyInstance } from 'fastify';
import { snapMovedUnits } from '../repos/patrol-snap.ts';
import type { Periodic } from './every.ts';

export function patrolSnapper(app: FastifyInstance, everyMs: number): Periodic {
  return { name: 'patrol unit snapping', everyMs, run: () => snapMovedUnits(app.db) };
}
