/**
 * Open311 GeoReport v2 rules, without I/O: reading a posted service request and the query of
 * GET requests into checked values (every problem named, as the specification's error list),
 * and what a request's status means to the public. The wire formats live in open311-format.ts.
 */
import { createHash } from 'node:crypto';
import { CLOSED_STATUSES, STATUS_NAMES, type IncidentStatus } from '../contract/vocabulary.ts';
import { isCalendarDay } from './calendar.ts';

/** The specification's limit on a request's description. */
export const DESCRIPTION_MAX = 4000;
/** GET requests: the default window and the most requests one answer holds (the specification's defaults). */
export const WINDOW_DAYS = 90;
export const RESULT_LIMIT = 1000;
/** A device's identical request within this many seconds is a retry: it gets the first one's id. */
export const RETRY_WINDOW_S = 60;

const DAY = 86_400_000;
const FIELD_MAX: Record<string, number> = {
  address_string: 500,
  media_url: 2000,
  email: 254,
  first_name: 100,
  last_name: 100,
  phone: 40,
  device_id: 200,
  account_id: 200,
};
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// Control characters other than tab and line breaks: PostgreSQL refuses NUL, XML refuses the rest.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export interface Contact {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  device_id: string | null;
  account_id: string | null;
}

export interface ServiceRequestForm {
  service_code: string;
  lat: number;
  lon: number;
  description: string;
  address_string: string | null;
  media_url: string | null;
  contact: Contact;
  /** sha256 of the device and the content when device_id is given: a retry has the same one. */
  fingerprint: Buffer | null;
}

/** A posted form as field → first value (form bodies may repeat a field; the first counts). */
export type Form = Record<string, string | undefined>;

/** The form's fields, checked. `problems` names each field that is missing or wrong. */
export function readServiceRequest(form: Form): { value: ServiceRequestForm | null; problems: string[] } {
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const v = form[name]?.trim();
    if (!v) return null;
    if (CONTROL.test(v)) {
      problems.push(`${name} contains control characters`);
      return null;
    }
    const max = name === 'description' ? DESCRIPTION_MAX : (FIELD_MAX[name] ?? 200);
    if ([...v].length > max) {
      problems.push(`${name} is longer than ${max} characters`);
      return null;
    }
    return v;
  };
  const serviceCode = text('service_code');
  if (!serviceCode) problems.push('service_code is required: GET services.json lists the codes');
  const description = text('description') ?? '';
  const address = text('address_string');
  const media = text('media_url');
  if (media && !/^https?:\/\/\S+$/i.test(media)) problems.push('media_url must be an http or https URL');
  const email = text('email');
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push('email is not an e-mail address');
  const contact: Contact = {
    first_name: text('first_name'),
    last_name: text('last_name'),
    email,
    phone: text('phone'),
    device_id: text('device_id'),
    account_id: text('account_id'),
  };

  const latText = form.lat?.trim() || null;
  const lonText = form.long?.trim() || null;
  let lat = NaN;
  let lon = NaN;
  if (latText === null && lonText === null) {
    // The specification accepts address_string or address_id alone; this centre places every
    // request on its map and has no geocoder on the intranet, so it needs the point.
    problems.push(
      address || form.address_id
        ? 'lat and long are required: this server places each request on the map and does not geocode address_string or address_id; send the point too (address_string is kept with it)'
        : 'lat and long are required (WGS 84 decimal degrees)',
    );
  } else if (latText === null || lonText === null) {
    problems.push('lat and long go together');
  } else {
    lat = NUMBER.test(latText) ? Number(latText) : NaN;
    lon = NUMBER.test(lonText) ? Number(lonText) : NaN;
    if (!(Math.abs(lat) <= 90)) problems.push(`lat must be a number from -90 to 90 (got ${clip(latText)})`);
    if (!(Math.abs(lon) <= 180)) problems.push(`long must be a number from -180 to 180 (got ${clip(lonText)})`);
  }
  if (problems.length || !serviceCode) return { value: null, problems };
  const fingerprint = contact.device_id
    ? createHash('sha256')
        .update(JSON.stringify([contact.device_id, serviceCode, lat, lon, description, address, media]))
        .digest()
    : null;
  return {
    value: {
      service_code: serviceCode,
      lat,
      lon,
      description,
      address_string: address,
      media_url: media,
      contact,
      fingerprint,
    },
    problems,
  };
}

const clip = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

export interface RequestQuery {
  /** Named requests: these alone, whatever the other filters say (as the specification has it). */
  ids: string[] | null;
  codes: string[] | null;
  start: Date;
  end: Date;
  /** 'open', 'closed', or null for both. */
  status: 'open' | 'closed' | null;
  limit: number;
}

/** A W3C datetime (the specification's format); a date alone means its midnight UTC. */
export function readDateTime(value: string): Date | null {
  // new Date rolls 2024-02-30 over to 1 March: the day must exist.
  if (!W3_DATETIME.test(value) || !isCalendarDay(value.slice(0, 10))) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** GET requests' filters, with the specification's defaults: the last 90 days, at most 1000. */
export function readRequestQuery(q: Form, now = new Date()): { value: RequestQuery | null; problems: string[] } {
  const problems: string[] = [];
  const list = (name: string) => {
    const items = (q[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items : null;
  };
  const date = (name: string): Date | null => {
    const v = q[name]?.trim();
    if (!v) return null;
    const d = readDateTime(v);
    if (!d) problems.push(`${name} must be a W3C datetime such as 2026-12-01T08:00:00+08:00`);
    return d;
  };
  // Ids this server never gives out cannot match: they are dropped instead of refused.
  const ids = list('service_request_id')?.filter((id) => UUID.test(id)) ?? null;
  const codes = list('service_code');
  const statuses = list('status');
  let status: RequestQuery['status'] = null;
  if (statuses) {
    const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
    if (bad.length) problems.push(`status must be open or closed (got ${clip(bad[0])})`);
    else if (new Set(statuses).size === 1) status = statuses[0] as 'open' | 'closed';
  }
  const startGiven = date('start_date');
  const endGiven = date('end_date');
  const end = endGiven ?? (startGiven ? new Date(startGiven.getTime() + WINDOW_DAYS * DAY) : now);
  const start = startGiven ?? new Date(end.getTime() - WINDOW_DAYS * DAY);
  if (startGiven && endGiven) {
    if (start > end) problems.push('start_date must not be after end_date');
    else if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY)
      problems.push(`start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  }
  if (problems.length) return { value: null, problems };
  return {
    value: {
      ids: q.service_request_id !== undefined ? (ids ?? []) : null,
      codes,
      start,
      end,
      status,
      limit: RESULT_LIMIT,
    },
    problems,
  };
}

/** open or closed, as the public sees an incident's status. */
export function publicStatus(status: IncidentStatus): 'open' | 'closed' {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}

/** status_notes: the latest operator's note when there is one, else the status's name. */
export function statusNotes(status: IncidentStatus, latestNote: string | null): string {
  if (latestNote && latestNote.trim()) return latestNote.trim();
  const name = STATUS_NAMES[status];
  return `${name.zh} ${name.en}`;
}

/** The notice a resident hears back: received, and by when the centre expects to act. */
export function serviceNotice(dueAt: string | null): string {
  if (!dueAt) return '已受理登记 Received';
  return `已受理登记，预计 ${dueAt} 前处理 Received; expected to be handled by ${dueAt}`;
}
