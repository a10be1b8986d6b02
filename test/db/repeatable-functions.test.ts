/**
 * db/functions/*.sql are repeatable: applied after the numbered migrations whenever a file's
 * checksum changes, never otherwise (scripts/lib/migrate.ts). Runs on this file's own copy of
 * the template database, so swapping the functions directory here touches no other test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsDir, listRepeatables, migrate } from '../../scripts/lib/migrate.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

let db: pg.Client;
let dir: string;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-functions-'));
});
afterAll(async () => {
  await db.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), body);
const fn = (name: string, sql: string) =>
  `CREATE OR REPLACE FUNCTION ${name}() RETURNS integer LANGUAGE sql AS $$ ${sql} $$;\n`;
const value = async (name: string) => (await db.query(`SELECT ${name}() AS v`)).rows[0].v as number;
const appliedAt = async (name: string) =>
  (await db.query('SELECT applied_at FROM schema_repeatables WHERE name = $1', [name])).rows[0]?.applied_at as
    Date | undefined;

describe('repeatable function files', () => {
  it('are all applied and recorded on a migrated database, with nothing left to do', async () => {
    const { rows } = await db.query('SELECT name, checksum FROM schema_repeatables ORDER BY name');
    expect(rows).toEqual(listRepeatables().map((f) => ({ name: f.name, checksum: f.checksum })));
    expect(await migrate(testDatabaseUrl())).toEqual([]);
  });

  it('applies new files, even one calling a function from a later file', async () => {
    write('a_first.sql', fn('gb_test_a', 'SELECT gb_test_b() * 10'));
    write('b_second.sql', fn('gb_test_b', 'SELECT 1'));
    expect(await migrate(testDatabaseUrl(), { functionsDir: dir })).toEqual([
      'functions/a_first.sql',
      'functions/b_second.sql',
    ]);
    expect(await value('gb_test_a')).toBe(10);
  });

  it('re-applies a changed file and leaves an unchanged one alone', async () => {
    const aBefore = await appliedAt('a_first.sql');
    expect(await migrate(testDatabaseUrl(), { functionsDir: dir })).toEqual([]);
    write('b_second.sql', fn('gb_test_b', 'SELECT 2'));
    expect(await migrate(testDatabaseUrl(), { functionsDir: dir })).toEqual(['functions/b_second.sql']);
    expect(await value('gb_test_b')).toBe(2);
    expect(await value('gb_test_a')).toBe(20);
    expect(await appliedAt('a_first.sql')).toEqual(aBefore);
  });

  it('applies nothing of a batch with a broken file, and names the file', async () => {
    write('b_second.sql', fn('gb_test_b', 'SELECT 3'));
    write('c_broken.sql', fn('gb_test_c', 'SELECT no_such_column FROM grids'));
    await expect(migrate(testDatabaseUrl(), { functionsDir: dir })).rejects.toThrow(
      /db\/functions\/c_broken\.sql failed: .*no_such_column/,
    );
    expect(await value('gb_test_b')).toBe(2);
    fs.rmSync(path.join(dir, 'c_broken.sql'));
    expect(await migrate(testDatabaseUrl(), { functionsDir: dir })).toEqual(['functions/b_second.sql']);
    expect(await value('gb_test_b')).toBe(3);
  });

  it('brings a database migrated before db/functions existed up to date', async () => {
    // As on a database that ran migrations 001-020 only: no record of any function file.
    await db.query('DROP TABLE schema_repeatables');
    const names = fs
      .readdirSync(functionsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(await migrate(testDatabaseUrl())).toEqual(names.map((f) => `functions/${f}`));
    expect(await migrate(testDatabaseUrl())).toEqual([]);
    const { rows } = await db.query("SELECT incident_summary(i, '{}') ->> 'id' AS id FROM incidents i LIMIT 1");
    expect(rows).toHaveLength(1);
  });
});
