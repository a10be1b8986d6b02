/**
 * One import, as the CLI, the HTTP route and the sample city run it: the file is read by GDAL into
 * a staging table, its rows checked, repaired and merged in ONE transaction, the map's invariants
 * checked, and a report written. A dry run does all of it and rolls back. Nothing usable, or an
 * invariant broken, refuses the whole file (ImportRefused, with the report saying why and where).
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import {
  AREA_LAYERS,
  IMPORT_LAYERS,
  LAYER_GEOMETRY,
  type ImportLayer,
  type ImportReport,
  type ProblemPlace,
  type Reject,
  type Repair,
} from '../contract/imports.ts';
import { crsLabel, looksMojibake, parseCrs, placementWarnings, type Crs } from '../domain/import-crs.ts';
import { begin, commit, recordImport, rollback, startImport } from '../repos/import-history.ts';
import { afterCommunities, afterGrids, afterKeyPlaces, householdsFromBuildings } from '../repos/import-grids.ts';
import { checkOverlaps, closeGaps, placeInParent, rejectedPlaces } from '../repos/import-areas.ts';
import { assignWorkers, mergeRows, workersNotYetKnown } from '../repos/import-merge.ts';
import { previewRows } from '../repos/import-preview.ts';
import { codeBuildings, judgeGeometry, readRows, sqlNotes, type RowLayer } from '../repos/import-rows.ts';
import * as stageRepo from '../repos/import-stage.ts';
import { appendEvent } from '../repos/outbox.ts';
import { describeSource, pgConnection, SourceError, stage } from './gdal.ts';
import { prepareSource } from './source.ts';

export interface ImportOptions {
  layer: string;
  /** Where the file is on disk, and its own name (an upload is stored under a temporary one). */
  path: string;
  fileName: string;
  crs?: string | null;
  encoding?: string | null;
  snap?: number;
  dryRun?: boolean;
  preview?: boolean;
  actor: string;
  onProgress?: (p: { stage: 'reading' | 'checking' | 'merging' | 'done'; rows: number; rowsPerSecond: number }) => void;
}

/** The file could not be used: the report says why (rows refused, or the places that break the map). */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly report: ImportReport,
  ) {
    super(message);
  }
}

/** A usage error: an unknown layer, CRS or option (CLI exit 2, HTTP 400). */
export class ImportUsageError extends Error {}

export function isImportLayer(l: string): l is ImportLayer {
  return (IMPORT_LAYERS as readonly string[]).includes(l);
}

export async function runImport(pool: pg.Pool, databaseUrl: string, o: ImportOptions): Promise<ImportReport> {
  const t0 = performance.now();
  if (!isImportLayer(o.layer))
    throw new ImportUsageError(`unknown layer "${o.layer}": one of ${IMPORT_LAYERS.join(', ')}`);
  if (o.layer === 'basemap') throw new ImportUsageError('the basemap is imported from OpenStreetMap data (.osm.pbf)');
  const layer: RowLayer = o.layer;
  let crs: Crs | null;
  try {
    crs = o.crs ? parseCrs(o.crs) : null;
  } catch (err) {
    throw new ImportUsageError((err as Error).message);
  }
  const snap = o.snap ?? 1;
  if (!(snap >= 0 && snap <= 50)) throw new ImportUsageError('--snap is a distance in metres from 0 to 50');
  const progress = (stage: 'reading' | 'checking' | 'merging' | 'done', rows: number) =>
    o.onProgress?.({ stage, rows, rowsPerSecond: rows / Math.max(0.001, (performance.now() - t0) / 1000) });

  const source = await prepareSource(o.path, o.fileName, o.encoding ?? null).catch((err: unknown) => {
    if (!(err instanceof SourceError)) throw err;
    const refused = { layer, file: o.fileName, dryRun: o.dryRun === true, crs: '', encoding: o.encoding ?? null };
    throw new ImportRefused(err.message, { ...emptyReport(refused), warnings: [err.message] });
  });
  const table = `import_staging.s${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const warnings = [...source.notes];
  const report = (extra: Partial<ImportReport>): ImportReport => ({
    ...emptyReport({ layer, file: o.fileName, dryRun: o.dryRun === true, crs: '', encoding: source.encoding }),
    warnings,
    seconds: (performance.now() - t0) / 1000,
    ...extra,
  });
  const admin = await pool.connect();
  try {
    const layers = await describeSource(source.path, source.openOptions).catch((err: unknown) => {
      if (err instanceof SourceError && source.path.startsWith('/vsizip/'))
        throw new SourceError('no Shapefile in the zip: it needs the .shp with its .shx and .dbf (and .prj, .cpg)');
      throw err;
    });
    if (!layers.length)
      throw new SourceError(
        source.kind === 'shapefile' ? 'no Shapefile (.shp with its .dbf) in the file' : 'the file holds no layer',
      );
    if (layers.length > 1) warnings.push(`the file holds ${layers.length} layers: read the first, "${layers[0].name}"`);
    const src = layers[0];
    const srs = crs
      ? crs.kind === 'epsg'
        ? { s: `EPSG:${crs.srid}`, t: 'EPSG:4326' }
        : { a: 'EPSG:4326' }
      : src.srid === null
        ? { a: 'EPSG:4326' }
        : { t: 'EPSG:4326' };
    const label = crs
      ? crsLabel(crs)
      : src.srid === null
        ? 'EPSG:4326 (assumed: the file names no CRS)'
        : `EPSG:${src.srid}`;
    const onProgress = (f: number) => progress('reading', Math.round(f * Math.max(0, src.features)));
    const gdalWarnings = await stageWithEncoding(source, databaseUrl, table, src.name, srs, onProgress, warnings);
    const unclosed = gdalWarnings.filter((w) => /Non closed ring/i.test(w)).length;
    if (unclosed) warnings.push(`${unclosed} unclosed ring(s) were closed as the file was read`);

    const db = admin;
    await begin(db);
    try {
      const importId = await startImport(db, {
        layer,
        file: o.fileName,
        actor: o.actor,
        options: { crs: label, snap },
      });
      const { columns, geom } = await stageRepo.stagingColumns(db, table);
      const stats = await stageRepo.stagingStats(db, table, geom);
      const needs = LAYER_GEOMETRY[layer];
      if (stats.rows === 0) throw new SourceError('the file holds no rows');
      if (needs !== 'none' && (!geom || stats.points + stats.areas + stats.lines === 0))
        throw new SourceError(
          needs === 'point'
            ? 'no coordinate columns: a table of points needs lon and lat (经度, 纬度) or a WKT column'
            : 'no geometry: areas come as polygons (Shapefile, GeoPackage, KML, GeoJSON, or a WKT column)',
        );
      if (crs && crs.kind !== 'epsg') await stageRepo.undoWebOffset(db, table, crs.kind);
      if (needs !== 'none') {
        const place = await stageRepo.placement(db, table);
        const declared = crs ? crsLabel(crs) : 'WGS 84';
        const extent = crs && crs.kind !== 'epsg' ? null : stats.extent;
        warnings.push(
          ...placementWarnings({
            extent,
            declared,
            inCity: place.inCity,
            cityLon: place.cityLon,
            fit: crs ? null : place.fit,
          }),
        );
      }
      progress('checking', stats.rows);
      const rows = await readRows(db, layer, table, columns, (n) => progress('checking', n));
      const names = ['name', 'name_zh', 'address'].map((f) => rows.mapped[f]).filter((c): c is string => !!c);
      if (looksMojibake(await stageRepo.sampleText(db, table, [...new Set(names)])))
        warnings.push(
          'the names look garbled (mojibake): the file is probably GBK/GB18030 read as another encoding — import again with --encoding GBK',
        );
      if (needs !== 'none')
        await judgeGeometry(db, table, needs, {
          single: layer === 'buildings',
          ccwIsRule: source.kind === 'geojson',
          index: (AREA_LAYERS as readonly string[]).includes(layer),
        });
      if (layer === 'buildings') await codeBuildings(db);
      const isArea = (AREA_LAYERS as readonly string[]).includes(layer);
      if (isArea) {
        await placeInParent(db, layer, snap);
        await checkOverlaps(db, layer, snap);
      }
      progress('merging', stats.rows);
      const counts = await mergeRows(db, layer, importId);
      const problems: ProblemPlace[] = [];
      const repaired: Repair[] = [];
      const rejected: Reject[] = [];
      if (isArea) {
        const gaps = await closeGaps(db, layer, snap);
        repaired.push(...gaps.repaired);
        problems.push(...gaps.problems);
      }
      if (layer === 'communities') problems.push(...(await afterCommunities(db, o.actor)));
      if (layer === 'grids') {
        rejected.push(...(await assignWorkers(db, importId, 'grids')));
        repaired.push(...(await workersNotYetKnown(db)));
        problems.push(...(await afterGrids(db, importId, o.actor)));
      }
      if (layer === 'workers') rejected.push(...(await assignWorkers(db, importId, 'workers')));
      if (layer === 'buildings') await householdsFromBuildings(db, null);
      if (layer === 'key-places') await afterKeyPlaces(db);
      const sqlSide = await sqlNotes(db);
      repaired.push(...sqlSide.repaired);
      rejected.push(...sqlSide.rejected);
      repaired.sort((a, b) => a.index - b.index);
      rejected.sort((a, b) => a.index - b.index);
      const drawn = await rejectedPlaces(db);
      const preview = o.preview ? await previewRows(db, needs) : undefined;
      const out = report({
        id: importId,
        crs: label,
        read: stats.rows,
        ...counts,
        repaired,
        rejected,
        problems: problems.length ? problems : drawn,
        seconds: (performance.now() - t0) / 1000,
        ...(preview ? { preview } : {}),
      });
      const usable = counts.inserted + counts.updated + counts.unchanged;
      if (problems.length || !usable || o.dryRun) {
        await rollback(db);
        const why = problems.length
          ? `the import would break the map: ${problems
              .slice(0, 3)
              .map((p) => p.problem)
              .join('; ')}`
          : !usable
            ? `no row could be imported${rejected.length ? ` — row ${rejected[0].index}: ${rejected[0].reason}` : ''}`
            : null;
        out.id = await recordImport(db, out, { dryRun: o.dryRun === true || !!why, actor: o.actor, refused: why });
        if (why) throw new ImportRefused(why, out);
        progress('done', stats.rows);
        return out;
      }
      await recordImport(db, out, { dryRun: false, actor: o.actor, refused: null, id: importId });
      if (counts.inserted + counts.updated > 0)
        await appendEvent(db, {
          type: 'city.imported',
          payload: { layer, import: importId, inserted: counts.inserted, updated: counts.updated },
        });
      await commit(db);
      progress('done', stats.rows);
      return out;
    } catch (err) {
      await rollback(db).catch(() => {});
      throw err;
    }
  } catch (err) {
    if (err instanceof SourceError && !(err instanceof ImportRefused)) {
      const out = report({ warnings: [...warnings, err.message] });
      throw new ImportRefused(err.message, out);
    }
    throw err;
  } finally {
    await stageRepo.dropStaging(admin, table).catch(() => {});
    admin.release();
    await source.cleanup();
  }
}

/**
 * ogr2ogr into staging. A Shapefile whose text is not what its code page says (GBK bytes in a
 * file declared UTF-8) makes PostgreSQL refuse the rows: it is read again as GB18030, and said so.
 */
async function stageWithEncoding(
  source: Awaited<ReturnType<typeof prepareSource>>,
  databaseUrl: string,
  table: string,
  layerName: string,
  srs: { s?: string; t?: string; a?: string },
  onProgress: (f: number) => void,
  warnings: string[],
): Promise<string[]> {
  const go = (openOptions: string[]) =>
    stage({
      pg: pgConnection(databaseUrl),
      source: source.path,
      layer: layerName,
      table,
      openOptions,
      srs,
      onProgress,
    });
  try {
    return await go(source.openOptions);
  } catch (err) {
    const bytes = /invalid byte sequence|character with byte sequence|Non UTF-8|encoding/i.test((err as Error).message);
    if (!(err instanceof SourceError) || !bytes || source.kind !== 'shapefile' || source.encoding) throw err;
    warnings.push(
      'the text of the file is not in the encoding it declares (GBK names read as UTF-8): read it again as GB18030 — name the encoding with --encoding to choose another',
    );
    source.encoding = 'GB18030';
    return go([...source.openOptions, 'ENCODING=GB18030']);
  }
}

export function emptyReport(r: Pick<ImportReport, 'layer' | 'file' | 'dryRun' | 'crs' | 'encoding'>): ImportReport {
  return {
    id: null,
    ...r,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    repaired: [],
    rejected: [],
    warnings: [],
    problems: [],
    changed: { inserted: [], updated: [] },
    seconds: 0,
  };
}
