/** The body of an action request: the step's note, and whom it goes to or what was found. */
import type { Action } from '../../server/src/domain/workflow.ts';
import { offset, type UnitDirectory } from './places.ts';
import type { Rng } from './random.ts';
import type { Tracked } from './tracked.ts';
import { DEPARTMENTS, HANDLED, NOTES } from './vocabulary.ts';

export async function actionBody(
  rng: Rng,
  units: UnitDirectory,
  t: Tracked,
  action: Action,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { action, version: t.version };
  switch (action) {
    case 'accept':
      body.note = rng.pick(NOTES.accept);
      break;
    case 'reject':
      body.note = rng.pick(NOTES.reject);
      break;
    case 'mark_duplicate':
      body.duplicate_of = t.fate.duplicateOf;
      body.note = rng.pick(NOTES.duplicate);
      break;
    case 'escalate': {
      const dept = rng.pick(DEPARTMENTS[t.category]);
      body.department = dept;
      body.note = `吹哨报到：请${dept}到场联合处置`;
      break;
    }
    case 'dispatch': {
      if (t.department) {
        body.department = t.department;
        body.note = `派遣至${t.department}牵头处置`;
        break;
      }
      const preferTeam = t.category === 'public_security' || t.grade !== 'routine';
      const team = !t.noUnit && preferTeam && rng.chance(0.5) ? units.teamNear(rng, t.streetOfficeId) : null;
      const worker = !t.noUnit && !team ? await units.workerOf(t.gridId) : null;
      if (team) {
        body.unit_id = team.id;
        body.note = `派遣至${team.name}`;
      } else if (worker) {
        body.unit_id = worker.id;
        body.note = `派遣至网格员${worker.name}`;
      } else {
        const dept = rng.pick(DEPARTMENTS[t.category]);
        body.department = dept;
        body.note = `派遣至${dept}`;
      }
      break;
    }
    case 'handle': {
      // Reported from the worker's phone, on the spot.
      const [lon, lat] = offset(rng, t.lon, t.lat, rng.range(3, 15));
      body.lon = Math.round(lon * 1e7) / 1e7;
      body.lat = Math.round(lat * 1e7) / 1e7;
      body.note = rng.pick(HANDLED[t.category]);
      break;
    }
    case 'reopen':
      body.note = rng.pick(NOTES.reopen);
      break;
    case 'verify':
      body.note = rng.pick(NOTES.verify);
      break;
    case 'archive':
      body.note = rng.pick(NOTES.archive);
      break;
    case 'evaluate':
      body.evaluation = t.fate.score.score;
      body.note = t.fate.score.note;
      break;
  }
  return body;
}
