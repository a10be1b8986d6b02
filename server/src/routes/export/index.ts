/**
 * `GET /api/export/{layer}?format=geojson|xlsx|gpkg`: a layer of the city as a file that imports
 * back unchanged (the columns of contract LAYER_COLUMNS, WGS 84). GeoJSON and XLSX are streamed
 * as they are read; the GeoPackage is written by GDAL to a temporary file, sent, then deleted.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../contract/common.ts';
import {
  AREA_LAYERS,
  EXPORT_FORMATS,
  EXPORT_LAYERS,
  LAYER_COLUMNS,
  LAYER_GEOMETRY,
  type ExportFormat,
} from '../../contract/imports.ts';
import { appError } from '../../errors.ts';
import { writeGpkg } from '../../ingest/gpkg-export.ts';
import { CONTENT_TYPES, geojsonStream, primed, xlsxStream } from '../../render/layer-export.ts';
import { exportFeatures, exportHeader, exportQuery, exportRows, type ExportLayer } from '../../repos/exports.ts';
import { disposition } from '../params.ts';

export interface ExportRouteOptions {
  /** For GDAL, which reads the layer from the database itself. */
  databaseUrl: string;
  /** The city's time zone: the date in the file's name is the city's date. */
  timeZone: string;
}

/** Columns that hold personal data: a layer with any of them is a personal-data export in the trail. */
const PERSONAL_COLUMNS: readonly string[] = ['phone'];

const isLayer = (l: string): l is ExportLayer => (EXPORT_LAYERS as readonly string[]).includes(l);
const isFormat = (f: string): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

/** The OGR geometry type of the layer's column (GDAL cannot read it from an expression). */
function ogrGeometry(layer: ExportLayer): string | null {
  if (LAYER_GEOMETRY[layer] === 'point') return 'POINT';
  if ((AREA_LAYERS as readonly string[]).includes(layer)) return 'MULTIPOLYGON';
  return LAYER_GEOMETRY[layer] === 'area' ? 'POLYGON' : null;
}

const routes: FastifyPluginAsyncTypebox<ExportRouteOptions> = async (app, o) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: o.timeZone, dateStyle: 'short' });

  app.get(
    '/api/export/:layer',
    {
      onRequest: app.guard('import:write'),
      config: { audit: 'export' },
      schema: {
        tags: ['import'],
        summary: 'Export a layer of the city as GeoJSON, XLSX or GeoPackage (it imports back unchanged)',
        description:
          `layer: one of ${EXPORT_LAYERS.join(', ')}. format: ${EXPORT_FORMATS.join(', ')} (default geojson). ` +
          'WGS 84 throughout. GeoJSON (RFC 7946): a FeatureCollection, outer rings counter-clockwise, registers ' +
          'without a place as features with geometry null. XLSX: one worksheet named after the layer, a header ' +
          'row of the column names, codes as text; points add lon and lat, areas a wkt column. GeoPackage: one ' +
          'table named after the layer. Each carries the columns `npm run import` reads back.',
        security: [{ bearer: [] }],
        params: Type.Object({ layer: Type.String() }),
        querystring: Type.Object({ format: Type.Optional(Type.String()) }),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const { layer } = request.params;
      const format = request.query.format ?? 'geojson';
      const columns: readonly string[] = isLayer(layer) ? LAYER_COLUMNS[layer] : [];
      const personal = columns.filter((c) => PERSONAL_COLUMNS.includes(c));
      request.audit({ target: { kind: 'layers', ids: [layer] }, detail: { layer, format, personal_data: personal } });
      if (!isLayer(layer))
        throw appError('bad_request', `unknown layer "${layer}": one of ${EXPORT_LAYERS.join(', ')}`);
      if (!isFormat(format))
        throw appError('bad_request', `unknown format "${format}": one of ${EXPORT_FORMATS.join(', ')}`);
      // Headers only once the data is there: a failure before it is an error body, not a broken file.
      const send = (body: Readable, bytes?: number) => {
        const name = `gridboard-${layer}-${today.format(new Date())}.${format}`;
        reply.type(CONTENT_TYPES[format]).header('content-disposition', disposition(name));
        if (bytes !== undefined) reply.header('content-length', bytes);
        return reply.send(body as never);
      };
      if (format === 'geojson') return send(geojsonStream(layer, await primed(exportFeatures(app.db, layer))));
      if (format === 'xlsx')
        return send(xlsxStream(layer, exportHeader(layer), await primed(exportRows(app.db, layer))));
      const file = await writeGpkg({
        databaseUrl: o.databaseUrl,
        query: exportQuery(layer),
        layer,
        geometry: ogrGeometry(layer),
      });
      const stream = createReadStream(file.path);
      // Deleted once sent, or once the client has gone away.
      stream.on('close', () => void file.cleanup());
      return send(stream, file.bytes);
    },
  );
};
export default routes;
