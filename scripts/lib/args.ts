/** Minimal `--flag value` / `--flag` parsing for the project's scripts (node:util parseArgs). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function args<T extends NonNullable<ParseArgsConfig['options']>>(options: T, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
