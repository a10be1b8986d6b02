/** The sample city's incident histories use the server's workflow vocabulary. */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/db.ts';
import { ACTIONS } from '../../server/src/domain/workflow.ts';

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
});
afterAll(() => db.end());

it('records only actions the state machine knows, each from a status that allows it', async () => {
  const { rows } = await db.query(
    `SELECT DISTINCT action, from_status, to_status FROM incident_history WHERE action <> 'report'`,
  );
  expect(rows.length).toBeGreaterThan(5);
  for (const r of rows) {
    const def = ACTIONS[r.action as keyof typeof ACTIONS];
    expect(def, r.action).toBeDefined();
    expect(def.from as readonly string[], `${r.action} from ${r.from_status}`).toContain(r.from_status);
    expect(def.to).toBe(r.to_status);
  }
});
