/**
 * The import form's options (layer, coordinate system, encoding, snap) and how they become the
 * upload's fields; a warning's suggested fix applied to them.
 */
import { IMPORT_LAYERS, type ImportLayer } from '../../../../server/src/contract/imports.ts';
import type { SuggestedFix } from './report';

export { IMPORT_LAYERS };
export type { ImportLayer };

export const LAYER_LABELS: Record<ImportLayer, string> = {
  districts: 'Districts 区',
  'street-offices': 'Street offices 街道',
  communities: 'Communities 社区',
  grids: 'Grids 网格',
  buildings: 'Buildings 建筑',
  'key-places': 'Key places 重点场所',
  cameras: 'Cameras 摄像头',
  departments: 'Departments 部门',
  categories: 'Categories 事件类别',
  workers: 'Grid workers 网格员',
  units: 'Patrol teams 巡逻队',
  basemap: 'Basemap (OSM) 底图',
};

export const CRS_CHOICES = ['auto', 'EPSG:4326', 'EPSG:4490', 'epsg', 'gcj02', 'bd09'] as const;
export type CrsChoice = (typeof CRS_CHOICES)[number];

export const CRS_LABELS: Record<CrsChoice, string> = {
  auto: 'Auto (from the file) 自动',
  'EPSG:4326': 'EPSG:4326 WGS 84',
  'EPSG:4490': 'EPSG:4490 CGCS2000 国家2000',
  epsg: 'Other EPSG code 其他 EPSG…',
  gcj02: 'GCJ-02 AMap/Tencent 高德/腾讯',
  bd09: 'BD-09 Baidu 百度',
};

export const ENCODINGS = ['auto', 'GBK', 'GB18030', 'UTF-8'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const ENCODING_LABELS: Record<Encoding, string> = {
  auto: 'Auto 自动',
  GBK: 'GBK',
  GB18030: 'GB18030',
  'UTF-8': 'UTF-8',
};

export interface ImportOptions {
  layer: ImportLayer;
  crs: CrsChoice;
  /** The number of "Other EPSG code" (digits only). */
  epsg: string;
  encoding: Encoding;
  snapMetres: number;
}

export const DEFAULT_OPTIONS: ImportOptions = {
  layer: 'key-places',
  crs: 'auto',
  epsg: '',
  encoding: 'auto',
  snapMetres: 1,
};

/** The `crs` field to send: null for auto; "EPSG:n" for another code. */
export function crsField(o: ImportOptions): string | null {
  if (o.crs === 'auto') return null;
  if (o.crs === 'epsg') return o.epsg.trim() ? `EPSG:${o.epsg.trim().replace(/^epsg:/i, '')}` : null;
  return o.crs;
}

export function encodingField(o: ImportOptions): string | null {
  return o.encoding === 'auto' ? null : o.encoding;
}

/** Whether the options can be sent (another EPSG needs its number; snap is 0–50 m). */
export function optionsProblem(o: ImportOptions): string | null {
  if (o.crs === 'epsg' && !/^(epsg:)?\d{4,6}$/i.test(o.epsg.trim())) return 'Give the EPSG code 请填写 EPSG 编号';
  if (!Number.isFinite(o.snapMetres) || o.snapMetres < 0 || o.snapMetres > 50) return 'Snap is 0–50 m 吸附 0–50 米';
  return null;
}

/** The options with a warning's fix applied (a CRS or an encoding). */
export function applyFix(o: ImportOptions, fix: SuggestedFix): ImportOptions {
  if (fix.option === 'encoding') {
    const e = ENCODINGS.find((x) => x.toLowerCase() === fix.value.toLowerCase());
    return { ...o, encoding: e ?? 'GBK' };
  }
  const v = fix.value.toLowerCase();
  if (v === 'gcj02' || v === 'bd09') return { ...o, crs: v };
  const n = /^(?:epsg:)?(\d+)$/.exec(v)?.[1];
  if (n === '4326' || n === '4490') return { ...o, crs: `EPSG:${n}` };
  if (n) return { ...o, crs: 'epsg', epsg: n };
  return o;
}
