/**
 * Helpers for the coverage tests: find empty ground in the test city for hand-built scenes, and
 * build geometry there in a local metric frame (x east, y north, metres).
 */
import type pg from 'pg';

export interface Spot {
  lon: number;
  lat: number;
  /** 3857 units per metre here (1 / cos latitude). */
  k: number;
}

/**
 * Points of open ground inside the city, far from buildings (160 m), cameras (320 m), water
 * and roads, and from the city centre; `n` of them at least 500 m apart, skipping the first `skip`.
 */
export async function emptySpots(db: pg.Pool, n: number, skip = 0): Promise<Spot[]> {
  const { rows } = await db.query<Spot>(`
    WITH ext AS (SELECT ST_Extent(geom_3857) AS e FROM grids),
    centre AS (SELECT ST_SetSRID(ST_Centroid(ST_Extent(geom)::geometry), 4326) AS c FROM cameras),
    pts AS (SELECT ST_SetSRID(ST_MakePoint(x, y), 3857) AS o FROM ext,
              generate_series(ST_XMin(e)::int, ST_XMax(e)::int, 200) x, generate_series(ST_YMin(e)::int, ST_YMax(e)::int, 200) y),
    c AS (SELECT o, 1 / cos(radians(ST_Y(ST_Transform(o, 4326)))) AS k FROM pts)
    SELECT ST_X(ST_Transform(o, 4326)) AS lon, ST_Y(ST_Transform(o, 4326)) AS lat, k FROM c, centre
    WHERE EXISTS (SELECT 1 FROM grids g WHERE ST_Covers(g.geom_3857, o))
      AND NOT ST_DWithin(ST_Transform(o, 4326), centre.c, 0.03)
      AND NOT EXISTS (SELECT 1 FROM buildings x WHERE ST_DWithin(x.geom_3857, o, 160 * k))
      AND NOT EXISTS (SELECT 1 FROM cameras x WHERE ST_DWithin(x.geom_3857, o, 320 * k))
      AND NOT EXISTS (SELECT 1 FROM water x WHERE ST_DWithin(x.geom_3857, o, 160 * k))
      AND NOT EXISTS (SELECT 1 FROM roads x WHERE ST_DWithin(x.geom_3857, o, 130 * k))
    ORDER BY ST_Y(o), ST_X(o)`);
  const out: Spot[] = [];
  let skipped = 0;
  for (const r of rows) {
    const far = out.every(
      (s) => Math.hypot((s.lon - r.lon) * Math.cos((r.lat * Math.PI) / 180), s.lat - r.lat) * 111_320 > 500,
    );
    if (!far) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    out.push(r);
    if (out.length === n) return out;
  }
  throw new Error(`only ${out.length} empty spots found`);
}

/** lon/lat of a point x metres east and y metres north of the spot (Web Mercator, like coverage). */
export function at(s: Spot, x: number, y: number): { lon: number; lat: number } {
  const R = 6378137;
  const X = ((s.lon * Math.PI) / 180) * R + x * s.k;
  const Y = Math.log(Math.tan(Math.PI / 4 + (s.lat * Math.PI) / 360)) * R + y * s.k;
  return { lon: ((X / R) * 180) / Math.PI, lat: ((2 * Math.atan(Math.exp(Y / R)) - Math.PI / 2) * 180) / Math.PI };
}

/** SQL that turns WKT in the spot's local metres ($1) into WGS 84, given the spot ($2 lon, $3 lat, $4 k). */
export const LOCAL_TO_WGS84 = `ST_Transform(ST_SetSRID(ST_Translate(ST_Scale(ST_GeomFromText($1), $4::float8, $4::float8),
  ST_X(ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 3857)), ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 3857))), 3857), 4326)`;

/** Adds a building (footprint in local metres) and returns its id. */
export async function addBuilding(db: pg.Pool, s: Spot, wkt: string, floors: number): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO buildings (use, floors, geom) VALUES ('commercial', $5, ${LOCAL_TO_WGS84}) RETURNING id`,
    [wkt, s.lon, s.lat, s.k, floors],
  );
  return Number(rows[0].id);
}

/** Adds a road segment (line in local metres) and returns its id. */
export async function addRoad(db: pg.Pool, s: Spot, wkt: string, cls = 'secondary'): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO roads (class, name, name_zh, geom) VALUES ($5, 'Test Street', '测试街', ${LOCAL_TO_WGS84}) RETURNING id`,
    [wkt, s.lon, s.lat, s.k, cls],
  );
  return Number(rows[0].id);
}

/** A geometry in local metres, in the 3857 frame the views are stored in (as EWKT for a query). */
export async function local3857(db: pg.Pool, s: Spot, wkt: string): Promise<string> {
  const { rows } = await db.query(`SELECT ST_AsEWKT(ST_Transform(${LOCAL_TO_WGS84}, 3857)) AS g`, [
    wkt,
    s.lon,
    s.lat,
    s.k,
  ]);
  return rows[0].g;
}

/** Area of the inscribed polygon the views use for a sector (10° arc steps) of `fov` degrees and radius r. */
export function sectorArea(fov: number, r: number): number {
  const n = fov >= 360 ? 36 : Math.max(2, Math.ceil(fov / 10));
  const step = (((fov >= 360 ? 360 : fov) / n) * Math.PI) / 180;
  return n * 0.5 * r * r * Math.sin(step);
}
