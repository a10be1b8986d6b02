/** Query-string helpers shared by the feature routes. */
import type { FastifyReply } from 'fastify';
import { parseBBox, type BBox } from '../domain/bbox.ts';
import { appError } from '../errors.ts';

const WORLD: BBox = [-180, -90, 180, 90];

/** The bbox a client asked for, or the whole world; a malformed one is a 400 naming the reason. */
export function bboxParam(text: string | undefined): BBox {
  if (text === undefined) return WORLD;
  const res = parseBBox(text);
  if (!res.ok) throw appError('bad_bbox', res.reason);
  return res.bbox;
}

/** An ISO-8601 timestamp parameter, or the fallback. */
export function timeParam(name: string, text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw appError('bad_request', `${name} must be an ISO-8601 date-time`);
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
