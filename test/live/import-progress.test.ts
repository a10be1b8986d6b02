/**
 * An upload's progress reaches the uploader's own socket (a real socket.io client), stage by
 * stage up to `done`, tagged with the upload's token — and no other screen's.
 */
import { io } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ImportProgress } from '../../server/src/contract/imports.ts';
import { loginToken } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';
import { file, form } from '../import/files.ts';

const server = useTestServer();
const sockets: ReturnType<typeof io>[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function connect(token: string) {
  const s = io(server.url, { auth: { token }, transports: ['websocket'] });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

describe('import progress', () => {
  it('is pushed to the uploader socket only, up to done', async () => {
    const token = await loginToken(server.url, inject('users').planner);
    const mine = await connect(token);
    const other = await connect(token);
    const seen: ImportProgress[] = [];
    const elsewhere: ImportProgress[] = [];
    mine.on('import:progress', (p: ImportProgress) => seen.push(p));
    other.on('import:progress', (p: ImportProgress) => elsewhere.push(p));
    const rows = Array.from(
      { length: 300 },
      (_, i) => `P${i},${111.55 + (i % 30) * 0.003},${26.17 + Math.floor(i / 30) * 0.004}`,
    );
    const path = file('progress-cameras.csv', `code,lon,lat\n${rows.join('\n')}\n`);
    const body = await form({ upload: 'u-42', socket: mine.id!, dryRun: 'true' }, path, 'progress-cameras.csv');
    const res = await fetch(`${server.url}/api/import/cameras`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...body.headers },
      body: body.payload,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).inserted).toBe(300);
    await expect.poll(() => seen.at(-1)?.stage, { timeout: 5000 }).toBe('done');
    expect(seen.every((p) => p.upload === 'u-42')).toBe(true);
    expect(seen.map((p) => p.stage)).toContain('checking');
    expect(seen.at(-1)!.rows).toBe(300);
    expect(elsewhere).toEqual([]);
  });
});
