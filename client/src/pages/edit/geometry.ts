/**
 * Small pure helpers of the editor: RFC 7946 rings (counter-clockwise, closed, no repeated
 * points) for what is sent, the balance colours, and snapping a pointer to the nearest street
 * or grid edge in screen space.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type RGBA = [number, number, number, number];

/** Twice the signed area (> 0: counter-clockwise). */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** A ring closed, without consecutive repeats, wound as asked (exterior: counter-clockwise). */
export function cleanRing(ring: readonly Position[], exterior: boolean): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [p[0], p[1]];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]))
    out.push([...out[0]]);
  const ccw = signedArea2(out) > 0;
  return ccw === exterior ? out : out.reverse();
}

/** A polygon or multipolygon ready to send: every ring cleaned and wound per RFC 7946. */
export function rfc7946(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const poly = (rings: Position[][]) => rings.map((r, i) => cleanRing(r, i === 0));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: poly(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(poly) };
}

/**
 * Fill colour of a grid by its deviation from the standard: blue under, green within the band, red
 * over; slate for unit grids (no deviation), which the standard does not apply to.
 */
export function balanceColor(deviation: number | null, band: number, alpha = 150): RGBA {
  if (deviation === null) return [120, 130, 150, alpha];
  if (deviation < -band) {
    const t = Math.min(1, (-deviation - band) / 0.5);
    return [Math.round(120 - 70 * t), Math.round(170 - 40 * t), 235, alpha];
  }
  if (deviation > band) {
    const t = Math.min(1, (deviation - band) / 0.5);
    return [235, Math.round(150 - 90 * t), Math.round(90 - 50 * t), alpha];
  }
  return [70, 185, 120, alpha];
}

/** The point of the segments nearest to `p` (all in screen pixels), and its distance. */
export function nearestOnSegments(
  p: [number, number],
  segments: readonly [[number, number], [number, number]][],
): { at: [number, number]; d: number } | null {
  let best: { at: [number, number]; d: number } | null = null;
  for (const [a, b] of segments) {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
    const at: [number, number] = [a[0] + t * dx, a[1] + t * dy];
    const d = Math.hypot(p[0] - at[0], p[1] - at[1]);
    if (!best || d < best.d) best = { at, d };
  }
  return best;
}

/** The vertex nearest to `p` within `radius` pixels, if any (vertices win over edges: corners matter). */
export function nearestVertex(
  p: [number, number],
  vertices: readonly [number, number][],
  radius: number,
): [number, number] | null {
  let best: [number, number] | null = null;
  let bd = radius;
  for (const v of vertices) {
    const d = Math.hypot(p[0] - v[0], p[1] - v[1]);
    if (d <= bd) [best, bd] = [v, d];
  }
  return best;
}
