/**
 * `npm run import -- LAYER FILE [--crs CRS] [--encoding ENC] [--snap M] [--dry-run] [--json]`
 * Imports one of a city's files into the product's database (see README, "Bringing a real city").
 * Exit 0: something was imported (or a dry run passed); 1: nothing was usable; 2: a usage error.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import pg from 'pg';
import { IMPORT_LAYERS, type ImportReport } from '../server/src/contract/imports.ts';
import { importFile, ImportRefused, ImportUsageError } from '../server/src/ingest/index.ts';
import { args } from './lib/args.ts';
import { ClusterError } from './lib/cluster.ts';
import { resolveDatabaseUrl } from './lib/db.ts';
import { migrate } from './lib/migrate.ts';

const USAGE = `usage: npm run import -- LAYER FILE [--crs EPSG:n|gcj02|bd09] [--encoding GBK] [--snap METRES] [--dry-run] [--json]
  LAYER: ${IMPORT_LAYERS.join(', ')}`;

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error(USAGE);
  process.exit(2);
}

const { values, positionals } = args({
  crs: { type: 'string' },
  encoding: { type: 'string' },
  snap: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  actor: { type: 'string', default: 'cli' },
  help: { type: 'boolean', short: 'h', default: false },
});
if (values.help) usage();
const [layer, file] = positionals;
if (!layer || !file || positionals.length > 2)
  usage(positionals.length > 2 ? 'give one LAYER and one FILE' : undefined);
if (!(IMPORT_LAYERS as readonly string[]).includes(layer)) usage(`unknown layer "${layer}"`);
const path = resolve(file);
if (!existsSync(path)) usage(`no such file: ${file}`);
const snap = values.snap === undefined ? undefined : Number(values.snap);
if (snap !== undefined && !Number.isFinite(snap)) usage('--snap is a number of metres');

const json = values.json;
const tty = process.stderr.isTTY && !json;
let last = 0;
const onProgress = (p: { stage: string; rows: number; rowsPerSecond: number }) => {
  const now = Date.now();
  if (json || (now - last < 250 && p.stage !== 'done')) return;
  last = now;
  const line = `${p.stage.padEnd(8)} ${p.rows.toLocaleString('en')} rows  ${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s`;
  if (tty) process.stderr.write(`\r${bar(p.stage)} ${line}\x1b[K`);
  else if (p.stage === 'done') process.stderr.write(`${line}\n`);
};
const bar = (stage: string) => {
  const n = { reading: 1, checking: 2, merging: 3, done: 4 }[stage] ?? 0;
  return `[${'█'.repeat(n * 5)}${'·'.repeat(20 - n * 5)}]`;
};

let code = 0;
let report: ImportReport;
let pool: pg.Pool | undefined;
try {
  const url = await resolveDatabaseUrl();
  await migrate(url);
  pool = new pg.Pool({ connectionString: url, max: 2 });
  report = await importFile(pool, url, {
    layer,
    path,
    fileName: basename(path),
    crs: values.crs,
    encoding: values.encoding,
    snap,
    dryRun: values['dry-run'],
    actor: values.actor,
    onProgress,
  });
} catch (err) {
  if (tty) process.stderr.write('\n');
  if (err instanceof ImportUsageError) usage(err.message);
  if (err instanceof ClusterError) {
    console.error(err.message);
    process.exit(1);
  }
  if (!(err instanceof ImportRefused)) throw err;
  report = err.report;
  code = 1;
  if (!json) console.error(`refused: ${err.message}`);
} finally {
  await pool?.end();
}
if (tty) process.stderr.write('\n');
if (json) process.stdout.write(JSON.stringify(report) + '\n');
else printReport(report);
process.exit(code);

function printReport(r: ImportReport): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(
    `${r.dryRun ? 'dry run of ' : ''}${r.layer} from ${r.file} (${r.crs || 'CRS not read'}) in ${r.seconds.toFixed(1)} s`,
  );
  out(
    `  read ${r.read} · inserted ${r.inserted} · updated ${r.updated} · unchanged ${r.unchanged} · repaired ${r.repaired.length} · rejected ${r.rejected.length}`,
  );
  for (const w of r.warnings) out(`  warning: ${w}`);
  const some = <T>(list: T[], f: (x: T) => string, what: string) => {
    for (const x of list.slice(0, 20)) out(`  ${what} ${f(x)}`);
    if (list.length > 20) out(`  … and ${list.length - 20} more ${what} rows (--json lists them all)`);
  };
  some(r.rejected, (x) => `row ${x.index}${x.code ? ` (${x.code})` : ''}: ${x.reason}`, 'rejected');
  some(r.repaired, (x) => `row ${x.index}${x.code ? ` (${x.code})` : ''}: ${x.what}`, 'repaired');
  some(r.problems, (p) => `${p.code ?? ''}: ${p.problem}`, 'problem');
}
