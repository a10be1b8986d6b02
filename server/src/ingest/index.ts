/** The importer's entry point: a city's file, whichever layer it is, in and reported. */
import type pg from 'pg';
import type { ImportReport } from '../contract/imports.ts';
import { runImport, type ImportOptions } from './run.ts';

export { ImportRefused, ImportUsageError, isImportLayer, type ImportOptions } from './run.ts';
export { SourceError } from './gdal.ts';

export async function importFile(pool: pg.Pool, databaseUrl: string, o: ImportOptions): Promise<ImportReport> {
  return runImport(pool, databaseUrl, o);
}
