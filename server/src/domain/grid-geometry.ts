/**
 * Checks of geometry a client sends to the grid editor and the importer, before any SQL runs:
 * GeoJSON shape, finite WGS 84 coordinates (with a hint when longitude and latitude look
 * swapped), closed rings without repeated points, and size limits; rings of either winding come
 * out the RFC 7946 way. What needs
 * topology (self-intersection, inside the community) is PostGIS's job afterwards.
 */

/** Most vertices one polygon or line may have: a grid drawn by hand has hundreds. */
export const MAX_VERTICES = 50_000;

export type Position = [number, number];
export interface PolygonInput {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonInput {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export interface LineInput {
  type: 'LineString';
  coordinates: Position[];
}
export type AreaInput = PolygonInput | MultiPolygonInput;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** One position: two finite numbers within WGS 84 bounds (a third, height, is dropped). */
export function checkPosition(p: unknown, where: string): Checked<Position> {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3)
    return fail(`${where}: a position must be [longitude, latitude]`);
  const [lon, lat] = p;
  if (typeof lon !== 'number' || typeof lat !== 'number') return fail(`${where}: coordinates must be numbers`);
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return fail(`${where}: coordinates must be finite (no NaN or Infinity)`);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    return fail(
      `${where}: [${lon}, ${lat}] is outside WGS 84 longitude/latitude bounds` +
        (swapped ? ' — longitude and latitude look swapped (GeoJSON is [longitude, latitude])' : ''),
    );
  }
  return { ok: true, value: [lon, lat] };
}

/** Twice the signed area of a ring (shoelace); > 0 when counter-clockwise. */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function checkRing(raw: unknown, where: string, exterior: boolean, budget: { left: number }): Checked<Position[]> {
  if (!Array.isArray(raw)) return fail(`${where}: a ring must be an array of positions`);
  budget.left -= raw.length;
  if (budget.left < 0) return fail(`the geometry has more than ${MAX_VERTICES} vertices`);
  if (raw.length < 4)
    return fail(`${where}: a ring needs at least 4 positions (3 corners and the first repeated), it has ${raw.length}`);
  const ring: Position[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = checkPosition(raw[i], `${where}, position ${i}`);
    if (!p.ok) return p;
    ring.push(p.value);
  }
  const [f, l] = [ring[0], ring[ring.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1])
    return fail(`${where}: the ring is not closed (its last position must equal its first)`);
  for (let i = 1; i < ring.length; i++) {
    if (ring[i][0] === ring[i - 1][0] && ring[i][1] === ring[i - 1][1]) {
      return fail(`${where}: positions ${i - 1} and ${i} are the same point (duplicate vertex)`);
    }
  }
  const a = signedArea2(ring);
  if (a === 0) return fail(`${where}: the ring encloses no area`);
  // Either winding is accepted (older GeoJSON and many tools write clockwise exteriors) and
  // turned the RFC 7946 way: exterior rings counter-clockwise, holes clockwise.
  if (exterior ? a < 0 : a > 0) ring.reverse();
  return { ok: true, value: ring };
}

function checkPolygon(raw: unknown, where: string, budget: { left: number }): Checked<Position[][]> {
  if (!Array.isArray(raw) || raw.length === 0) return fail(`${where}: a polygon must be a non-empty array of rings`);
  const rings: Position[][] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = checkRing(raw[i], `${where}ring ${i}`, i === 0, budget);
    if (!r.ok) return r;
    rings.push(r.value);
  }
  return { ok: true, value: rings };
}

/** A Polygon or MultiPolygon a planner drew or imported. */
export function checkArea(g: unknown): Checked<AreaInput> {
  if (!g || typeof g !== 'object') return fail('geometry must be a GeoJSON object');
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  const budget = { left: MAX_VERTICES };
  if (type === 'Polygon') {
    const p = checkPolygon(coordinates, '', budget);
    return p.ok ? { ok: true, value: { type, coordinates: p.value } } : p;
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0)
      return fail('a MultiPolygon needs at least one polygon');
    const polys: Position[][][] = [];
    for (let i = 0; i < coordinates.length; i++) {
      const p = checkPolygon(coordinates[i], `polygon ${i}, `, budget);
      if (!p.ok) return p;
      polys.push(p.value);
    }
    return { ok: true, value: { type, coordinates: polys } };
  }
  return fail(`geometry type must be Polygon or MultiPolygon, not ${typeof type === 'string' ? type : typeof type}`);
}

/** A split line: a LineString of at least two distinct positions. */
export function checkLine(g: unknown): Checked<LineInput> {
  if (!g || typeof g !== 'object') return fail('line must be a GeoJSON LineString');
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'LineString')
    return fail(`line must be a LineString, not ${typeof type === 'string' ? type : typeof type}`);
  if (!Array.isArray(coordinates) || coordinates.length < 2) return fail('line needs at least two positions');
  if (coordinates.length > MAX_VERTICES) return fail(`the line has more than ${MAX_VERTICES} vertices`);
  const pts: Position[] = [];
  for (let i = 0; i < coordinates.length; i++) {
    const p = checkPosition(coordinates[i], `position ${i}`);
    if (!p.ok) return p;
    const prev = pts[pts.length - 1];
    // A repeated click is harmless on a line: drop it rather than refuse.
    if (!prev || prev[0] !== p.value[0] || prev[1] !== p.value[1]) pts.push(p.value);
  }
  if (pts.length < 2) return fail('line needs at least two distinct positions');
  return { ok: true, value: { type: 'LineString', coordinates: pts } };
}
