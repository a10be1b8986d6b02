/**
 * Which column of a city's file holds which field. Ledgers come with Chinese headers (编码, 名称,
 * 经度 …), English ones, or the exports' own names; the first alias present wins. Matching ignores
 * case, spaces, underscores and a trailing unit in brackets ("安装高度(米)").
 */
import { LAYER_COLUMNS, type ImportLayer } from '../contract/imports.ts';

const ALIASES: Record<string, readonly string[]> = {
  code: [
    'code',
    '编码',
    '编号',
    '代码',
    'id_code',
    'bm',
    'dm',
    '区划代码',
    '网格编码',
    '设备编码',
    '国标编码',
    'device_code',
  ],
  name: ['name', 'name_en', '英文名', '名称', 'mc', '点位名称', '网格名称', '姓名', '部门名称', '类别名称'],
  name_zh: ['name_zh', '中文名', '名称', 'mc', '点位名称', '网格名称', '姓名', '部门名称', '类别名称', 'name'],
  district_code: ['district_code', '区县编码', '所属区县编码', '区编码', 'parent_code', '上级编码'],
  street_office_code: ['street_office_code', '街道编码', '所属街道编码', '乡镇街道编码', 'parent_code', '上级编码'],
  community_code: ['community_code', '社区编码', '所属社区编码', '村居编码', 'parent_code', '上级编码'],
  worker_code: ['worker_code', '网格员编码', '网格员编号'],
  grid_code: ['grid_code', 'home_grid', '网格编码', '所属网格编码', '责任网格'],
  department_code: ['department_code', '部门编码', '责任部门编码'],
  kind: ['kind', 'type', '类型', '类别', '设备类型', '场所类型', '摄像机类型'],
  type: ['type', 'kind', '类型', '网格类型'],
  status: ['status', '状态', '设备状态', '在线状态'],
  households: ['households', '户数', '住户数', '总户数'],
  population: ['population', '人口', '人口数', '总人口', '人数'],
  floors: ['floors', '层数', '楼层数', '地上层数'],
  height_m: ['height_m', 'height', '高度', '安装高度', '建筑高度'],
  bearing_deg: ['bearing_deg', 'bearing', 'heading', 'azimuth', '朝向', '方位角', '方向角'],
  fov_deg: ['fov_deg', 'fov', '视角', '视场角', '水平视场角'],
  range_m: ['range_m', 'range', '可视距离', '监控距离', '视距'],
  installed_at: ['installed_at', '安装日期', '安装时间', '建设日期'],
  address: ['address', '地址', '详细地址', '门牌地址'],
  use: ['use', '用途', '建筑用途', '性质'],
  phone: ['phone', 'tel', 'mobile', '电话', '联系电话', '手机', '手机号'],
  allow_multipart: ['allow_multipart', '允许多块'],
};

/** Longitude / latitude / WKT columns a table of points or shapes may carry. */
export const LON_NAMES = ['lon', 'lng', 'longitude', 'x', '经度', 'jd', 'point_x'];
export const LAT_NAMES = ['lat', 'latitude', 'y', '纬度', 'wd', 'point_y'];
export const WKT_NAMES = ['wkt', 'geom', 'geometry', 'the_geom', 'shape', '几何', '坐标串'];

export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[（(][^)）]*[)）]$/u, '')
    .replace(/[\s_\-.]/g, '');
}

/** For each field of the layer, the file's column that holds it (absent fields are left out). */
export function mapColumns(layer: Exclude<ImportLayer, 'basemap'>, columns: readonly string[]): Record<string, string> {
  const byNorm = new Map<string, string>();
  for (const c of columns) if (!byNorm.has(normalizeHeader(c))) byNorm.set(normalizeHeader(c), c);
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of LAYER_COLUMNS[layer]) {
    for (const alias of ALIASES[field] ?? [field]) {
      // A DBF cuts field names to 10 characters: district_code arrives as district_c.
      const col = byNorm.get(normalizeHeader(alias)) ?? byNorm.get(normalizeHeader(alias.slice(0, 10)));
      // One column serves one field, except that a single 名称 column is both name and name_zh.
      if (col && (!used.has(col) || field === 'name_zh')) {
        out[field] = col;
        used.add(col);
        break;
      }
    }
  }
  return out;
}

/** The first column whose header is one of `names`. */
export function findColumn(columns: readonly string[], names: readonly string[]): string | undefined {
  const norm = new Set(names.map(normalizeHeader));
  return columns.find((c) => norm.has(normalizeHeader(c)));
}

// ---- Values as ledgers write them ----

const KIND_WORDS: Record<string, Record<string, string>> = {
  cameras: { 枪机: 'fixed', 固定: 'fixed', 枪式: 'fixed', 半球: 'fixed', 球机: 'ptz', 云台: 'ptz', 高空: 'ptz' },
  'key-places': {
    学校: 'school',
    幼儿园: 'school',
    医院: 'hospital',
    卫生: 'hospital',
    市场: 'market',
    商场: 'market',
    车站: 'station',
    地铁: 'station',
    政府: 'government',
    机关: 'government',
    企业: 'enterprise',
    工厂: 'enterprise',
    广场: 'square',
    公园: 'square',
  },
  buildings: {
    住宅: 'residential',
    居民: 'residential',
    农房: 'rural_house',
    自建房: 'rural_house',
    商业: 'commercial',
    商铺: 'commercial',
    公共: 'public',
    学校: 'public',
    工业: 'industrial',
    厂房: 'industrial',
  },
  communities: { 社区: 'urban', 城市: 'urban', 村: 'rural', 农村: 'rural' },
  grids: {
    城市: 'urban',
    社区: 'urban',
    农村: 'rural',
    村: 'rural',
    专属: 'unit',
    单位: 'unit',
    小区: 'compound',
    街巷: 'street_lane',
  },
  status: {
    正常: 'working',
    在线: 'working',
    完好: 'working',
    故障: 'faulty',
    损坏: 'faulty',
    离线: 'offline',
    停用: 'offline',
    在岗: 'on_patrol',
    巡查: 'on_patrol',
    处置: 'responding',
    休息: 'off_duty',
    离岗: 'off_duty',
  },
};

/** A kind/type/status word as the product spells it, or null when the word means nothing known. */
export function vocabularyValue(table: string, raw: string | null, allowed: readonly string[]): string | null {
  if (raw === null) return null;
  const v = raw.trim();
  const lower = v.toLowerCase().replace(/[\s-]/g, '_');
  if (allowed.includes(lower)) return lower;
  for (const [word, value] of Object.entries(KIND_WORDS[table] ?? {}))
    if (v.includes(word) && allowed.includes(value)) return value;
  return null;
}

/** A number as a ledger writes it ("12", "12.5", "12 米", "1,200"); null when there is none. */
export function parseNumber(raw: string | null): number | null {
  if (raw === null) return null;
  const m = /^-?\d+(?:\.\d+)?/.exec(raw.trim().replace(/,/g, ''));
  return m ? Number(m[0]) : null;
}
