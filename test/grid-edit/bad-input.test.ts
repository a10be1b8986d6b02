/**
 * Invalid input on purpose, at every edit and import endpoint: each is a 4xx with a reason and
 * changes nothing (grids, blocks, buildings, history, events). The cases are in
 * bad-input-cases.ts; that each is answered within a second is `npm run bench`'s `bad-input`,
 * which runs the same cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { BAD_INPUT_CASES, findBadInputTarget, type BadInputTarget } from './bad-input-cases.ts';
import { fingerprint } from './helpers.ts';

const t = useTestApp();

let target: BadInputTarget;

beforeAll(async () => {
  target = await findBadInputTarget(t.db);
});

describe('bad input to the grid editor and importer', () => {
  it.each(BAD_INPUT_CASES)('$name → $status with a reason, changing nothing', async ({ make, status, reason }) => {
    const req = make(target);
    const community = target.pair.community_id;
    const fp = await fingerprint(t.db, [community]);
    const res = await t.app.inject({
      method: req.method,
      url: req.url,
      headers: { ...t.auth('planner'), 'content-type': 'application/json' },
      ...(req.body !== undefined ? { body: req.body } : { payload: req.payload as object }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    const body = res.json();
    expect(body.error.code).toBeTruthy();
    expect(body.error.message).toMatch(reason);
    expect(await fingerprint(t.db, [community])).toBe(fp);
  });
});
