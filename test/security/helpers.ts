/** Incidents made through the API for the security tests: reported, and accepted when asked. */
import type { TestContext } from '../helpers/app.ts';
import { pointInGrid, report } from '../helpers/incidents.ts';

export async function reported(t: TestContext, n = 0): Promise<string> {
  const body = report(await pointInGrid(t.db, n));
  const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth('operator'), payload: body });
  if (res.statusCode !== 201) throw new Error(`report failed: ${res.body}`);
  return body.id;
}

export const act = (t: TestContext, id: string, payload: object, role: 'operator' | 'admin' | 'worker' = 'operator') =>
  t.app.inject({ method: 'POST', url: `/api/incidents/${id}/actions`, headers: t.auth(role), payload });

/** Reported and accepted: at version 2, ready to dispatch. */
export async function accepted(t: TestContext, n = 0): Promise<string> {
  const id = await reported(t, n);
  const res = await act(t, id, { action: 'accept', version: 1 });
  if (res.statusCode !== 200) throw new Error(`accept failed: ${res.body}`);
  return id;
}
