/**
 * GDAL's command-line tools, as the importer uses them: `ogrinfo` to see what a file holds and
 * `ogr2ogr` to land it in a staging table. GDAL reads every format a city brings (Shapefile with
 * its code page, GeoPackage, KML/KMZ, GeoJSON, CSV) and reprojects from any CRS PROJ knows.
 */
import { spawn } from 'node:child_process';

export class SourceError extends Error {}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], onStdout?: (chunk: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (onStdout) onStdout(d);
      else stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 200_000) stderr += d;
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(`${cmd} is not installed: install GDAL (Debian: apt-get install gdal-bin)`)
          : err,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface SourceLayer {
  name: string;
  geometry: string;
  features: number;
  /** The layer's own CRS as an EPSG code, 'unknown' when it has one GDAL cannot name, null when it has none. */
  srid: number | 'unknown' | null;
}

/** What `ogrinfo` says a source holds. A source GDAL cannot open is a SourceError with GDAL's reason. */
export async function describeSource(path: string, openOptions: string[] = []): Promise<SourceLayer[]> {
  const r = await run('ogrinfo', ['-ro', '-so', '-al', ...openOptions.flatMap((o) => ['-oo', o]), path]);
  if (r.code !== 0) throw new SourceError(gdalReason(r.stderr) || 'GDAL cannot read this file');
  const text = r.stdout;
  const layers: SourceLayer[] = [];
  for (const block of text.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0].trim();
    const geometry = /\nGeometry: (.+)/.exec(block)?.[1]?.trim() ?? 'None';
    const features = Number(/\nFeature Count: (-?\d+)/.exec(block)?.[1] ?? -1);
    const wkt = /Layer SRS WKT:\n([\s\S]*?)\n(?:Data axis|[A-Za-z_][\w ]*: )/.exec(block)?.[1]?.trim() ?? '(unknown)';
    let srid: SourceLayer['srid'] = null;
    if (wkt !== '(unknown)') {
      const ids = [...wkt.matchAll(/(?:ID|AUTHORITY)\["EPSG",\s*"?(\d+)"?\]/g)];
      srid = ids.length ? Number(ids[ids.length - 1][1]) : 'unknown';
    }
    layers.push({ name, geometry, features, srid });
  }
  return layers;
}

export interface StageOptions {
  /** `PG:` connection string for GDAL. */
  pg: string;
  source: string;
  layer?: string;
  table: string;
  openOptions?: string[];
  /** -s_srs / -t_srs / -a_srs as ogr2ogr takes them. */
  srs: { s?: string; t?: string; a?: string };
  onProgress?: (fraction: number) => void;
}

/**
 * Lands one layer in `table` (schema-qualified): all attributes as text (an 18-digit code must
 * never pass through a float), 2D geometries in one generic column, rows in file order (ogc_fid).
 * Returns GDAL's warnings (e.g. rings it closed).
 */
export async function stage(o: StageOptions): Promise<string[]> {
  const args = [
    '-f',
    'PostgreSQL',
    o.pg,
    o.source,
    ...(o.layer ? [o.layer] : []),
    ...(o.openOptions ?? []).flatMap((x) => ['-oo', x]),
    '-nln',
    o.table,
    '-lco',
    'GEOMETRY_NAME=geom',
    '-lco',
    'FID=ogc_fid',
    '-lco',
    'SPATIAL_INDEX=NONE',
    '-lco',
    'LAUNDER=NO',
    '-lco',
    'UNLOGGED=ON',
    '-mapFieldType',
    'All=String',
    '-nlt',
    'GEOMETRY',
    '-dim',
    'XY',
    '-gt',
    '65536',
    ...(o.srs.s ? ['-s_srs', o.srs.s] : []),
    ...(o.srs.t ? ['-t_srs', o.srs.t] : []),
    ...(o.srs.a ? ['-a_srs', o.srs.a] : []),
    '-progress',
  ];
  let seen = '';
  const r = await run('ogr2ogr', args, (d) => {
    seen += d;
    const m = seen.match(/(\d+)(?=\.+\D*$)/);
    if (m && o.onProgress) o.onProgress(Number(m[1]) / 100);
  });
  if (r.code !== 0) throw new SourceError(gdalReason(r.stderr) || 'GDAL could not read the file');
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('Warning'))
    .map((l) => l.replace(/^Warning \d+: /, ''));
}

/** GDAL's own error lines, without its prefixes, for a message a person can act on. */
export function gdalReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => /^(ERROR|FAILURE)/.test(l))
    .map((l) => l.replace(/^(ERROR \d+|FAILURE): /, '').trim());
  return [...new Set(lines)].slice(0, 3).join('; ');
}

/** A postgres:// URL as GDAL's `PG:` connection string. */
export function pgConnection(url: string): string {
  const u = new URL(url);
  const part = (k: string, v: string) => (v ? `${k}='${decodeURIComponent(v).replace(/'/g, "\\'")}' ` : '');
  return `PG:${part('host', u.hostname)}${part('port', u.port)}${part('user', u.username)}${part('password', u.password)}${part('dbname', u.pathname.slice(1))}`.trim();
}
