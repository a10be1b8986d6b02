/** Query-string helpers shared by the feature routes. */
import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { parseBBox, type BBox } from '../domain/bbox.ts';
import { parseInstant } from '../domain/calendar.ts';
import { parseLonLat } from '../domain/lonlat.ts';
import { appError } from '../errors.ts';

const WORLD: BBox = [-180, -90, 180, 90];

/** The bbox a client asked for, or the whole world; a malformed one is a 400 naming the reason. */
export function bboxParam(text: string | undefined): BBox {
  if (text === undefined) return WORLD;
  const res = parseBBox(text);
  if (!res.ok) throw appError('bad_bbox', res.reason);
  return res.bbox;
}

/** A "lon,lat" parameter; a malformed one is a 400 naming the reason. */
export function lonLatParam(name: string, text: string): [number, number] {
  const res = parseLonLat(name, text);
  if (!res.ok) throw appError('bad_request', res.reason);
  return res.point;
}

/** An ISO-8601 timestamp parameter, or the fallback. */
export function timeParam(name: string, text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const d = parseInstant(text);
  if (!d) throw appError('bad_request', `${name} must be an ISO-8601 date-time on a real calendar day`);
  return d;
}

/**
 * Sends a body that PostGIS already encoded (GeoJSON text, MVT bytes) without a second
 * serialisation pass; the route's response schema still documents its shape.
 */
export function sendEncoded(reply: FastifyReply, contentType: string, body: string | Buffer) {
  return reply.type(contentType).send(body);
}

export const GEOJSON = 'application/geo+json; charset=utf-8';

/**
 * A Content-Disposition value per RFC 6266: an ASCII `filename` fallback and, for a name outside
 * ISO-8859-1 (a grid code in Chinese), `filename*=UTF-8''…` (RFC 5987) — quotes and line breaks
 * in a name can never end or split the header.
 */
export function disposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  return contentDisposition(filename, { type });
}
