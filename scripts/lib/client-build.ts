/** Builds the client with Vite when dist/client is missing or older than the client sources. */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './cluster.ts';

export const clientDist = path.join(projectRoot, 'dist', 'client');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureClientBuilt(log: (m: string) => void): Promise<void> {
  const index = path.join(clientDist, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(projectRoot, 'client')),
    fs.statSync(path.join(projectRoot, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  log('building the client (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
}
