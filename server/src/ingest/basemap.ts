/**
 * The `basemap` import layer: a city's roads, water and land use from an OpenStreetMap file
 * (.osm XML, .osm.pbf, .o5m, or .osm.gz/.bz2). osm2pgsql reads the file with the flex style
 * db/osm/basemap.lua into staging tables of this run's own, then repos/basemap-merge.ts
 * replaces the basemap from them and rebuilds the street graph in one transaction.
 *
 * A file that is not OSM, is empty or is cut short is refused with a BasemapInputError before
 * anything is replaced: osm2pgsql writes only to staging, and the merge runs only after it
 * finished without an error.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Reject, Repair } from '../contract/imports.ts';
import {
  dropStaging,
  mergeBasemap,
  stagedCounts,
  type MergeResult,
  type StagedCounts,
} from '../repos/basemap-merge.ts';

/** The file cannot be imported as it is (the caller answers 4xx / exits 1 with the message). */
export class BasemapInputError extends Error {}

export interface BasemapOptions {
  databaseUrl: string;
  file: string;
  dryRun: boolean;
  /** OSM objects read so far while osm2pgsql runs, then the staged rows once it is done. */
  onProgress?: (rows: number) => void;
}

export interface BasemapResult {
  /** Roads, water and land-use objects the file holds (ways and multipolygon relations). */
  read: number;
  inserted: number;
  /** Always 0: basemap rows have no identity to update by; a changed row is removed and inserted. */
  updated: number;
  unchanged: number;
  repaired: Repair[];
  rejected: Reject[];
  warnings: string[];
  seconds: { osm2pgsql: number; merge: number; total: number };
  merge: MergeResult;
}

const STYLE = fileURLToPath(new URL('../../../db/osm/basemap.lua', import.meta.url));

export async function importBasemap(opts: BasemapOptions): Promise<BasemapResult> {
  const started = performance.now();
  const ext = await sniff(opts.file);
  const prefix = `bm_${randomBytes(5).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'gridboard-osm-'));
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    // osm2pgsql picks the reader by the name's ending, and an upload is stored under a
    // temporary name: the file is linked under the ending its first bytes showed.
    const input = join(dir, `input${ext}`);
    await symlink(resolve(opts.file), input);
    // The prefix reaches the style as a Lua global set by a wrapper style, not through the
    // environment (only config.ts reads the server's environment).
    const wrapper = join(dir, 'style.lua');
    await writeFile(wrapper, `gridboard_prefix = ${JSON.stringify(prefix)}\ndofile(${JSON.stringify(STYLE)})\n`);
    await runOsm2pgsql(opts.databaseUrl, wrapper, input, opts.onProgress);
    const t1 = performance.now();

    const staged = await stagedCounts(client, prefix);
    const read = staged.roads + staged.water + staged.landuse;
    opts.onProgress?.(read);
    // An extract of the wrong area, or of points only, would otherwise wipe the city's streets
    // and leave patrol routing without a network.
    if (staged.roads === 0)
      throw new BasemapInputError(
        `the file has no roads (highway=* ways): ${read} water and land-use areas, ${staged.buildings} buildings; the basemap was left as it was`,
      );
    const merge = await mergeBasemap(client, prefix, { dryRun: opts.dryRun });
    const t2 = performance.now();
    return report(staged, merge, {
      osm2pgsql: seconds(started, t1),
      merge: seconds(t1, t2),
      total: seconds(started, t2),
    });
  } finally {
    // Staging goes whatever happened: osm2pgsql may have created some tables before it failed.
    try {
      if (connected) await dropStaging(client, prefix);
    } finally {
      await client.end().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }
}

const seconds = (a: number, b: number) => Math.round(b - a) / 1000;

function report(staged: StagedCounts, m: MergeResult, s: BasemapResult['seconds']): BasemapResult {
  const layers = [m.roads, m.water, m.landuse];
  const rejected = m.notes
    .filter((n) => n.reason !== null)
    .map((n) => ({ index: n.index, code: n.code, reason: n.reason as string }));
  const repaired = m.notes
    .filter((n) => n.reason === null && n.repaired)
    .map((n) => ({
      index: n.index,
      code: n.code,
      what: `${n.layer === 'water' ? 'water' : 'land use'}: not a valid area; made valid (ST_MakeValid)`,
    }));
  const warnings: string[] = [];
  const roadWays = staged.roads - m.notes.filter((n) => n.layer === 'roads' && n.reason !== null).length;
  if (m.roadSegments !== roadWays)
    warnings.push(
      `${roadWays} road ways were cut at their junctions into ${m.roadSegments} road rows (the street graph joins roads at their ends)`,
    );
  const removed = layers.map((l) => l.removed);
  if (removed.some((n) => n > 0))
    warnings.push(
      `removed what the map had and the file has not: ${removed[0]} roads, ${removed[1]} water areas, ${removed[2]} land-use areas`,
    );
  if (staged.buildings > 0)
    warnings.push(
      `${staged.buildings} buildings in the file were not loaded: the city's buildings are its household register (import layer "buildings"), which OSM outlines would duplicate`,
    );
  if (repaired.length) warnings.push(`${repaired.length} areas were not valid and were made valid with ST_MakeValid`);
  if (m.graphVertices !== null) warnings.push(`street graph rebuilt: ${m.graphVertices} junctions`);
  return {
    read: staged.roads + staged.water + staged.landuse,
    inserted: layers.reduce((a, l) => a + l.inserted, 0),
    updated: 0,
    unchanged: layers.reduce((a, l) => a + l.unchanged, 0),
    repaired,
    rejected,
    warnings,
    seconds: s,
    merge: m,
  };
}

/** The file name ending osm2pgsql needs for what the first bytes say the file is. */
async function sniff(file: string): Promise<string> {
  let head: Buffer;
  let size: number;
  try {
    const fh = await open(file, 'r');
    try {
      size = (await fh.stat()).size;
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new BasemapInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (size === 0) throw new BasemapInputError('the file is empty');
  if (head[0] === 0x1f && head[1] === 0x8b) return '.osm.gz';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return '.osm.bz2';
  // PBF: a 4-byte length, then a BlobHeader whose type is the string OSMHeader.
  if (head.subarray(0, 32).includes('OSMHeader')) return '.osm.pbf';
  if (head[0] === 0xff && head.subarray(0, 16).includes('o5m2')) return '.o5m';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*</.test(text)) {
    if (/<osmChange[\s>]/.test(text))
      throw new BasemapInputError('this is an OSM change file (osmChange), not a map: bring a full extract');
    if (/<osm[\s>]/.test(text)) return '.osm';
  }
  throw new BasemapInputError(
    'not an OpenStreetMap file: bring OSM XML (.osm), PBF (.osm.pbf) or o5m, e.g. an extract of the city',
  );
}

/** osm2pgsql's own reasons for failing: its ERROR lines without the time stamps. */
function osm2pgsqlReason(stderr: string): string {
  const lines = stderr
    .split(/[\r\n]+/)
    .map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+/, '').trim())
    .filter((l) => /^ERROR\b/.test(l))
    .map((l) => l.replace(/^ERROR:\s*/, ''));
  return [...new Set(lines)].slice(0, 3).join('; ');
}

/** Failures that are the server's (database, style, resources), not the file's. */
const SERVER_SIDE = /connect|database|postgres|permission denied|lua|out of memory|relation .* does not exist/i;

function runOsm2pgsql(
  databaseUrl: string,
  style: string,
  input: string,
  onProgress?: (rows: number) => void,
): Promise<void> {
  // -d takes a whole libpq connection URI, so host, port, user, password and options
  // (sslmode…) travel as the server itself connects.
  const args = ['--create', '--output=flex', '--style', style, '-d', databaseUrl, '--log-progress=true', input];
  return new Promise((ok, fail) => {
    const child = spawn('osm2pgsql', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 200_000) stderr += d;
      if (!onProgress) return;
      // "Processing: Node(12k 12.0k/s) Way(3k 3.00k/s) Relation(40 40.0/s)"
      const m = /Node\((\d+)(k?) [^)]*\) Way\((\d+)(k?) [^)]*\) Relation\((\d+)(k?)[^)]*\)\s*$/.exec(d.trimEnd());
      if (m) onProgress([1, 3, 5].reduce((a, i) => a + Number(m[i]) * (m[i + 1] ? 1000 : 1), 0));
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      fail(
        err.code === 'ENOENT'
          ? new Error('osm2pgsql is not installed: install it (Debian: apt-get install osm2pgsql)')
          : err,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return ok();
      const reason = osm2pgsqlReason(stderr) || stderr.trim().split('\n').slice(-3).join(' ');
      fail(
        SERVER_SIDE.test(reason)
          ? new Error(`osm2pgsql failed: ${reason}`)
          : new BasemapInputError(`osm2pgsql could not read the file: ${reason}`),
      );
    });
  });
}
