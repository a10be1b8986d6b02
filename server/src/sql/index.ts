/**
 * Named SQL. Queries live as .sql files beside this module (bound parameters only, never string
 * interpolation of values); they are read once at start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, string>();

/** The text of sql/<name>.sql, without its trailing semicolon. */
export function sql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs
      .readFileSync(path.join(here, `${name}.sql`), 'utf8')
      .trim()
      .replace(/;\s*$/, '');
    cache.set(name, text);
  }
  return text;
}
