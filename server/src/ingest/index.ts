/** The importer's entry point: a city's file, whichever layer it is, in and reported. */
import type pg from 'pg';
import type { ImportReport } from '../contract/imports.ts';
import { recordBasemapImport } from '../repos/import-history.ts';
import { BasemapInputError, importBasemap } from './basemap.ts';
import { emptyReport, ImportRefused, runImport, type ImportOptions } from './run.ts';

export { ImportRefused, ImportUsageError, isImportLayer, type ImportOptions } from './run.ts';
export { SourceError } from './gdal.ts';

export async function importFile(pool: pg.Pool, databaseUrl: string, o: ImportOptions): Promise<ImportReport> {
  if (o.layer !== 'basemap') return runImport(pool, databaseUrl, o);
  const t0 = performance.now();
  const base = emptyReport({
    layer: 'basemap',
    file: o.fileName,
    dryRun: o.dryRun === true,
    crs: 'EPSG:4326 (OpenStreetMap)',
    encoding: 'UTF-8',
  });
  try {
    const r = await importBasemap({
      databaseUrl,
      file: o.path,
      dryRun: o.dryRun === true,
      onProgress: (rows) =>
        o.onProgress?.({
          stage: 'reading',
          rows,
          rowsPerSecond: rows / Math.max(0.001, (performance.now() - t0) / 1000),
        }),
    });
    const report: ImportReport = {
      ...base,
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      repaired: r.repaired,
      rejected: r.rejected,
      warnings: r.warnings,
      seconds: (performance.now() - t0) / 1000,
    };
    report.id = await recordBasemapImport(pool, report, o.actor);
    return report;
  } catch (err) {
    if (!(err instanceof BasemapInputError)) throw err;
    const report: ImportReport = {
      ...base,
      warnings: [err.message],
      seconds: (performance.now() - t0) / 1000,
    };
    throw new ImportRefused(err.message, report);
  }
}
