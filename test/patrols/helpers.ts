/** Builders for patrol tests: units of the test city, walks along real streets, fix batches. */
import type pg from 'pg';

export interface TestUnit {
  id: number;
  code: string;
  kind: string;
  home_grid_id: number | null;
  lon: number;
  lat: number;
  last_fix_at: Date;
}

/** The n-th off-duty grid worker: its one old fix lies hours back, so new tracks are its own. */
export async function offDutyWorker(db: pg.Pool, n: number): Promise<TestUnit> {
  const { rows } = await db.query<TestUnit>(
    `SELECT id, code, kind, home_grid_id, ST_X(last_geom) AS lon, ST_Y(last_geom) AS lat, last_fix_at
     FROM patrol_units WHERE kind = 'grid_worker' AND status = 'off_duty' ORDER BY id OFFSET $1 LIMIT 1`,
    [n],
  );
  if (!rows.length) throw new Error(`no off-duty grid worker #${n} in the test city`);
  return rows[0];
}

/** Street crossings inside a grid (not on its edge), in a stable order. */
export async function crossingsInGrid(
  db: pg.Pool,
  gridId: number,
): Promise<{ id: number; lon: number; lat: number }[]> {
  const { rows } = await db.query(
    `SELECT v.id, ST_X(v.geom) AS lon, ST_Y(v.geom) AS lat FROM street_vertices v JOIN grids g ON g.id = $1
     WHERE ST_Intersects(g.geom, v.geom) ORDER BY v.id`,
    [gridId],
  );
  return rows;
}

const R = 6_371_008.8;
const rad = Math.PI / 180;
export function metres(a: [number, number], b: [number, number]): number {
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.hypot(x, y) * R;
}

/** Points every `stepM` metres along a polyline. */
export function along(path: [number, number][], stepM: number): [number, number][] {
  const out: [number, number][] = [path[0]];
  let carry = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const len = metres(a, b);
    let d = stepM - carry;
    while (d <= len) {
      const f = d / len;
      out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
      d += stepM;
    }
    carry = len - (d - stepM);
  }
  const last = path[path.length - 1];
  if (metres(out[out.length - 1], last) > 1) out.push(last);
  return out;
}

/** Moves a point east/north by metres. */
export function offset(p: [number, number], east: number, north: number): [number, number] {
  return [p[0] + east / (R * rad * Math.cos(p[1] * rad)), p[1] + north / (R * rad)];
}
