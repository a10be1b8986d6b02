/** GPS fixes are kept for the retention setting, then purged; recent tracks stay whole. */
import { afterAll, describe, expect, it } from 'vitest';
import { purgeOldFixes } from '../../server/src/repos/patrol-fixes.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let saved: string | null = null;

afterAll(async () => {
  if (saved !== null)
    await t.db.query("UPDATE app_settings SET value = $1 WHERE key = 'patrol_fix_retention_days'", [saved]);
});

describe('patrol fix retention', () => {
  it('purges fixes older than the setting and nothing newer', async () => {
    saved = (await t.db.query("SELECT value FROM app_settings WHERE key = 'patrol_fix_retention_days'")).rows[0].value;
    expect(Number(saved)).toBeGreaterThan(0);
    await t.db.query("UPDATE app_settings SET value = '2' WHERE key = 'patrol_fix_retention_days'");
    const {
      rows: [u],
    } = await t.db.query(
      'SELECT id, last_geom AS geom FROM patrol_units WHERE last_geom IS NOT NULL ORDER BY id DESC LIMIT 1',
    );
    const ages = ['3 days', '2 days 1 hour', '1 day 23 hours', '1 hour'];
    const { rows: ins } = await t.db.query(
      `INSERT INTO patrol_fixes (unit_id, t, geom)
       SELECT $1, date_trunc('second', now()) - a::interval - interval '17 seconds', $2 FROM unnest($3::text[]) AS a
       RETURNING t`,
      [u.id, u.geom, ages],
    );
    expect(ins).toHaveLength(4);

    const purged = await purgeOldFixes(t.db);
    expect(purged).toBeGreaterThanOrEqual(2);
    const { rows } = await t.db.query(
      'SELECT t FROM patrol_fixes WHERE unit_id = $1 AND t = ANY($2::timestamptz[]) ORDER BY t',
      [u.id, ins.map((r) => r.t)],
    );
    // The two older than 2 days are gone; the two younger stay.
    expect(rows.map((r) => r.t.getTime())).toEqual(
      ins
        .slice(2)
        .map((r) => r.t.getTime())
        .sort((a, b) => a - b),
    );
  });
});
