/**
 * A layer written as a GeoPackage by GDAL (`ogr2ogr -f GPKG … PG:… -sql …`) into a temporary
 * folder: GDAL writes the format's SQLite tables, spatial index and metadata better than we would.
 * The caller streams the file and then calls `cleanup`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gdalReason, pgConnection } from './gdal.ts';

export interface GpkgExport {
  path: string;
  bytes: number;
  cleanup: () => Promise<void>;
}

export interface GpkgOptions {
  databaseUrl: string;
  /** The export query (repos/exports.ts exportQuery). */
  query: string;
  /** The table's name in the GeoPackage. */
  layer: string;
  /** OGR geometry type (MULTIPOLYGON, POLYGON, POINT), or null for a table without geometry. */
  geometry: string | null;
}

export async function writeGpkg(o: GpkgOptions): Promise<GpkgExport> {
  const dir = await mkdtemp(join(tmpdir(), 'gridboard-export-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, `${o.layer}.gpkg`);
  // Geometries come from an expression (ST_ForcePolygonCCW), so GDAL cannot read their type and
  // CRS from the column: name them, as the table columns are (EPSG:4326).
  const geometry = o.geometry ? ['-nlt', o.geometry, '-a_srs', 'EPSG:4326'] : [];
  const args = ['-f', 'GPKG', path, pgConnection(o.databaseUrl), '-sql', o.query, '-nln', o.layer, ...geometry];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        if (err.length < 100_000) err += d;
      });
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'ENOENT' ? new Error('ogr2ogr is not installed: install GDAL (gdal-bin)') : e),
      );
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`ogr2ogr failed: ${gdalReason(err) || `exit ${code}`}`)),
      );
    });
    return { path, bytes: (await stat(path)).size, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
