/** Announces steps that went past their deadline (an `incident.overdue` event each), every half minute. */
import type { FastifyInstance } from 'fastify';
import type { Deadlines } from '../domain/workflow.ts';
import { announceOverdue } from '../repos/incident-writes.ts';
import type { Periodic } from './every.ts';

export function overdueCheck(app: FastifyInstance, everyMs: number, deadlines: Deadlines): Periodic {
  return { name: 'overdue check', everyMs, run: () => announceOverdue(app.db, deadlines) };
}
