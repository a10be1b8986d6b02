/**
 * One row of a city's file, checked and put in the product's terms: kinds and statuses from the
 * ledger's words, numbers from "12 米", defaults where the ledger is silent (and said so), and a
 * reason when the row cannot go in. Geometry is judged in SQL (repos/import-*.ts), not here.
 */
import type { ImportLayer } from '../contract/imports.ts';
import {
  CAMERA_KIND_NAMES as CAMERA_KINDS,
  CAMERA_STATUS_NAMES as CAMERA_STATUSES,
  GRID_TYPE_NAMES as GRID_TYPES,
  UNIT_STATUS_NAMES as UNIT_STATUSES,
} from '../contract/vocabulary.ts';
import { parseNumber, vocabularyValue } from './import-columns.ts';
import { isCalendarDay } from './calendar.ts';

export type Raw = Record<string, string | null>;
export type Value = string | number | boolean | null;
export type Checked = { ok: true; values: Record<string, Value>; repairs: string[] } | { ok: false; reason: string };

const KEY_PLACE_KINDS = ['school', 'hospital', 'market', 'station', 'government', 'enterprise', 'square'];
const BUILDING_USES = ['residential', 'rural_house', 'commercial', 'public', 'industrial'];
const keys = (o: object) => Object.keys(o);

class Reject extends Error {}

/** A layer's rows: which fields a row must have, and how each is read. */
export function checkRow(layer: Exclude<ImportLayer, 'basemap'>, raw: Raw): Checked {
  const repairs: string[] = [];
  const text = (f: string, max = 200) => {
    const v = raw[f]?.trim();
    if (!v) return null;
    if (v.length > max) throw new Reject(`${f} is longer than ${max} characters`);
    return v;
  };
  const need = (f: string, max?: number) => {
    const v = text(f, max);
    if (v === null) throw new Reject(`${f} is missing`);
    return v;
  };
  const num = (f: string, lo: number, hi: number, fallback: number | null, integer = false) => {
    const t = text(f);
    if (t === null) return fallback;
    const n = parseNumber(t);
    if (n === null) throw new Reject(`${f} "${t}" is not a number`);
    if (n < lo || n > hi) throw new Reject(`${f} ${n} is outside ${lo}–${hi}`);
    if (integer && !Number.isInteger(n)) {
      repairs.push(`${f} ${n} rounded to ${Math.round(n)}`);
      return Math.round(n);
    }
    return n;
  };
  const word = (f: string, table: string, allowed: readonly string[], fallback: string) => {
    const t = text(f);
    if (t === null) return fallback;
    const v = vocabularyValue(table, t, allowed);
    if (v !== null) return v;
    repairs.push(`${f} "${t}" is not one of ${allowed.join(', ')}: taken as ${fallback}`);
    return fallback;
  };
  try {
    const code = need('code', 40);
    const base = { code };
    let values: Record<string, Value>;
    switch (layer) {
      case 'districts':
      case 'street-offices':
      case 'communities': {
        const name = text('name') ?? text('name_zh') ?? code;
        values = { ...base, name, name_zh: text('name_zh') ?? name };
        if (layer === 'street-offices') values.district_code = text('district_code', 40);
        if (layer === 'communities') {
          values.street_office_code = text('street_office_code', 40);
          // A 村 (village) is rural; anything else urban, unless the file says.
          values.kind = word('kind', 'communities', ['urban', 'rural'], /村$/.test(name) ? 'rural' : 'urban');
        }
        break;
      }
      case 'grids':
        values = {
          ...base,
          name: text('name') ?? code,
          type: text('type') === null ? null : word('type', 'grids', keys(GRID_TYPES), 'urban'),
          households: num('households', 0, 100_000, 0, true),
          population: num('population', 0, 500_000, 0, true),
          community_code: text('community_code', 40),
          worker_code: text('worker_code', 40),
          allow_multipart: /^(1|true|yes|是|y)$/i.test(text('allow_multipart') ?? ''),
        };
        break;
      case 'buildings':
        values = {
          ...base,
          name: text('name'),
          address: text('address', 400),
          use: word('use', 'buildings', BUILDING_USES, 'residential'),
          floors: num('floors', 1, 200, 1, true),
          height_m: num('height_m', 0.5, 699, null),
          households: num('households', 0, 20_000, 0, true),
          population: num('population', 0, 100_000, 0, true),
        };
        break;
      case 'key-places': {
        const name = need('name');
        values = {
          ...base,
          name,
          name_zh: text('name_zh') ?? name,
          kind: word('kind', 'key-places', KEY_PLACE_KINDS, 'enterprise'),
          address: text('address', 400),
        };
        break;
      }
      case 'cameras': {
        let bearing = num('bearing_deg', -360, 720, 0);
        if (bearing !== null && (bearing < 0 || bearing >= 360)) {
          const b = ((bearing % 360) + 360) % 360;
          repairs.push(`bearing ${bearing}° taken as ${b}°`);
          bearing = b;
        }
        const installed = text('installed_at');
        const m = installed ? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(installed) : null;
        const day = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
        // A day that does not exist (02-30) would fail the database's date column for the whole import.
        const date = day && isCalendarDay(day) ? day : null;
        if (installed && !date) repairs.push(`installed_at "${installed}" is not a date: left empty`);
        values = {
          ...base,
          name: text('name'),
          kind: word('kind', 'cameras', keys(CAMERA_KINDS), 'fixed'),
          status: word('status', 'status', keys(CAMERA_STATUSES), 'working'),
          height_m: num('height_m', 0, 200, 6),
          bearing_deg: bearing,
          fov_deg: num('fov_deg', 1, 360, 60),
          range_m: num('range_m', 1, 2000, 50),
          installed_at: date,
        };
        break;
      }
      case 'departments': {
        const name = need('name');
        values = { ...base, name, name_zh: text('name_zh') ?? name, phone: text('phone', 40) };
        break;
      }
      case 'categories': {
        if (!/^[a-z0-9_]{1,40}$/.test(code))
          throw new Reject(
            `category code "${code}" must be lower-case letters, digits and _ (it names the category in data)`,
          );
        const name = need('name');
        values = { ...base, name, name_zh: text('name_zh') ?? name, department_code: text('department_code', 40) };
        break;
      }
      case 'workers':
      case 'units':
        values = {
          ...base,
          name: need('name'),
          phone: text('phone', 40),
          status: word('status', 'status', keys(UNIT_STATUSES), 'on_patrol'),
          street_office_code: text('street_office_code', 40),
        };
        if (layer === 'workers') values.grid_code = text('grid_code', 40);
        break;
    }
    return { ok: true, values, repairs };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, reason: err.message };
    throw err;
  }
}
