/**
 * The lint gate enforces ARCHITECTURE's boundaries: each leak below, written where it would
 * be one, fails `npm run lint`, and the same code where it belongs passes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The boundary rules `code` breaks when it stands at `filePath` (style rules left aside). */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it('the client imports server code only from the contract', async () => {
    const code = "import type { Grade } from '../../../server/src/domain/incidents.ts';\nexport type G = Grade;\n";
    expect(await broken('client/src/pages/probe.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*The client imports server code only from server\/src\/contract/),
    ]);
    const ok = "import type { Grade } from '../../../server/src/contract/vocabulary.ts';\nexport type G = Grade;\n";
    expect(await broken('client/src/pages/probe.ts', ok)).toEqual([]);
  });

  it('only client/src/api talks to the network', async () => {
    const code = "import { io } from 'socket.io-client';\nexport const a = [io, fetch('/api/health')];\n";
    expect(await broken('client/src/app/probe.ts', code)).toHaveLength(2);
    expect(await broken('client/src/api/probe.ts', code)).toEqual([]);
  });

  it('domain/ does no I/O', async () => {
    const code =
      "import pg from 'pg';\nimport { sql } from '../sql/index.ts';\nexport const a = [pg, sql, process.env.X];\n";
    expect(await broken('server/src/domain/probe.ts', code)).toHaveLength(3);
  });

  it('only repos/ runs SQL', async () => {
    const code = "import type pg from 'pg';\nexport const q = (db: pg.Pool) => db.query('SELECT 1');\n";
    expect(await broken('server/src/live/probe.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Only server\/src\/repos runs SQL/),
    ]);
    expect(await broken('server/src/repos/probe.ts', code)).toEqual([]);
  });

  it('nothing imports routes/ but app.ts', async () => {
    const code = "import r from '../routes/health/index.ts';\nexport const a = r;\n";
    expect(await broken('server/src/repos/probe.ts', code)).toHaveLength(1);
    expect(
      await broken('test/probe.ts', "import r from '../server/src/routes/health/index.ts';\nexport const a = r;\n"),
    ).toHaveLength(1);
    expect(
      await broken('server/src/app.ts', "import r from './routes/health/index.ts';\nexport const a = r;\n"),
    ).toEqual([]);
  });

  it('the contract imports only TypeBox and other contract files', async () => {
    const code = "import { ROLES } from '../domain/roles.ts';\nexport const a = ROLES;\n";
    expect(await broken('server/src/contract/probe.ts', code)).toHaveLength(1);
    expect(
      await broken(
        'server/src/contract/probe.ts',
        "import { ROLES } from './vocabulary.ts';\nexport const a = ROLES;\n",
      ),
    ).toEqual([]);
  });

  it('only config.ts reads the environment', async () => {
    const code = 'export const port = process.env.PORT;\n';
    expect(await broken('server/src/server.ts', code)).toHaveLength(1);
    expect(await broken('server/src/config.ts', code)).toEqual([]);
  });
});
