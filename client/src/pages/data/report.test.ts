import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../api/imports';
import { applyFix, crsField, DEFAULT_OPTIONS, optionsProblem } from './options';
import { extentOf, filterRows, previewFeatures, reportRows, suggestedFixes } from './report';
import { buildBody, initialValues } from './registers/formValues';
import { REGISTER_DEFS } from './registers/registerDefs';

const report = (over: Partial<ImportReport>): ImportReport => ({
  id: 1,
  layer: 'key-places',
  file: 'x.geojson',
  dryRun: true,
  crs: 'EPSG:4326',
  encoding: null,
  read: 3,
  inserted: 2,
  updated: 0,
  unchanged: 0,
  repaired: [],
  rejected: [],
  warnings: [],
  problems: [],
  changed: { inserted: [], updated: [] },
  seconds: 0.1,
  ...over,
});

describe('the report rows', () => {
  const r = report({
    preview: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1, 2] },
          properties: { index: 0, code: 'A', name: 'Alpha', outcome: 'inserted', note: null },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [3, 4] },
          properties: { index: 1, code: 'B', name: 'Beta', outcome: 'inserted', note: null },
        },
      ],
    },
    repaired: [{ index: 1, code: 'B', what: 'repeated vertex' }],
    rejected: [{ index: 2, code: null, reason: 'no code' }],
  });

  it('merges the preview with the repaired and rejected lists, in file order', () => {
    const rows = reportRows(r);
    expect(rows.map((x) => [x.index, x.outcome, x.onMap])).toEqual([
      [0, 'inserted', true],
      [1, 'repaired', true],
      [2, 'rejected', false],
    ]);
    expect(rows[1].text).toBe('repeated vertex');
  });

  it('draws a row the lists name as repaired as repaired, whatever the preview says', () => {
    expect(previewFeatures(r).map((f) => f.properties.outcome)).toEqual(['inserted', 'repaired']);
  });

  it('filters by outcome and by text', () => {
    const rows = reportRows(r);
    expect(filterRows(rows, 'rejected', '').map((x) => x.index)).toEqual([2]);
    expect(filterRows(rows, 'all', 'beta').map((x) => x.index)).toEqual([1]);
    expect(filterRows(rows, 'all', 'no code').map((x) => x.index)).toEqual([2]);
  });

  it('measures the extent of geometries', () => {
    expect(extentOf([{ type: 'Point', coordinates: [1, 2] }, null, { type: 'Point', coordinates: [3, 0] }])).toEqual([
      1, 0, 3, 2,
    ]);
    expect(extentOf([])).toBeNull();
  });
});

describe('warnings and options', () => {
  it('reads the fix a warning suggests, and applies it', () => {
    const w = 'they look like AMap/Tencent (GCJ-02) coordinates declared as WGS 84 — import again with --crs gcj02';
    expect(suggestedFixes(w)).toEqual([{ option: 'crs', value: 'gcj02' }]);
    expect(suggestedFixes('name the CRS with --crs EPSG:n')).toEqual([]);
    expect(suggestedFixes('garbled — import again with --encoding GBK')).toEqual([
      { option: 'encoding', value: 'GBK' },
    ]);
    expect(applyFix(DEFAULT_OPTIONS, { option: 'crs', value: 'gcj02' }).crs).toBe('gcj02');
    const gk = applyFix(DEFAULT_OPTIONS, { option: 'crs', value: 'EPSG:4549' });
    expect([gk.crs, gk.epsg, crsField(gk)]).toEqual(['epsg', '4549', 'EPSG:4549']);
    expect(applyFix(DEFAULT_OPTIONS, { option: 'encoding', value: 'gb18030' }).encoding).toBe('GB18030');
  });

  it('asks for the EPSG number', () => {
    expect(optionsProblem({ ...DEFAULT_OPTIONS, crs: 'epsg', epsg: '' })).toMatch(/EPSG/);
    expect(optionsProblem(DEFAULT_OPTIONS)).toBeNull();
    expect(crsField(DEFAULT_OPTIONS)).toBeNull();
  });
});

describe('register forms', () => {
  const workers = REGISTER_DEFS.find((d) => d.name === 'workers')!;
  const record = {
    id: 7,
    version: 3,
    code: 'W1',
    name: 'Li',
    phone: null,
    status: 'on_patrol',
    street_office_id: null,
    grid: { id: 5, code: 'G-5', name: 'g' },
  };

  it('sends only what changed, and the grid by code', () => {
    const v = initialValues(workers.fields, record);
    expect(v.grid_id).toBe('G-5');
    expect(buildBody(workers.fields, { ...v, name: 'Wang', grid_id: 'G-9' }, record, 'edit')).toEqual({
      body: { name: 'Wang' },
      grid: 'G-9',
    });
    expect(buildBody(workers.fields, { ...v, grid_id: '' }, record, 'edit')).toEqual({ body: {}, grid: null });
  });

  it('requires the required fields on create', () => {
    const v = initialValues(workers.fields, null);
    expect(buildBody(workers.fields, v, null, 'create')).toEqual({ error: expect.stringMatching(/Code/) });
    expect(buildBody(workers.fields, { ...v, code: 'W2', name: 'Zhao' }, null, 'create')).toEqual({
      body: { code: 'W2', name: 'Zhao', phone: null, street_office_id: null },
      grid: null,
    });
  });
});
