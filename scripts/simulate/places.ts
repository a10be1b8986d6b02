/**
 * Where reports come from. Grids (polygons, population, type) are read from the public API
 * (`GET /api/grids`); key places, a sample of buildings and the patrol teams are read from the
 * database when the simulator has it (for choosing locations and units only: every write goes
 * through HTTP). Reports cluster at key places (markets and stations most), then at buildings
 * weighted by households, then anywhere in a grid weighted by population; every point is checked
 * to lie inside a grid so the server can place it.
 */
import type pg from 'pg';
import type { Api } from './http.ts';
import type { Rng } from './random.ts';
import type { PlaceKind, Setting } from './vocabulary.ts';

type Ring = [number, number][];
type Polygon = Ring[];

export interface GridShape {
  id: number;
  communityId: number;
  type: string;
  population: number;
  bbox: [number, number, number, number];
  polygons: Polygon[];
}

export interface KeyPlace {
  kind: PlaceKind;
  name: string;
  lon: number;
  lat: number;
}

export interface BuildingPoint {
  use: string;
  households: number;
  lon: number;
  lat: number;
}

export interface PatrolTeam {
  id: number;
  name: string;
  streetOfficeId: number | null;
}

export interface Spot {
  lon: number;
  lat: number;
  gridId: number;
  setting: Setting;
  placeKind?: PlaceKind;
  placeName?: string;
}

/** How strongly each kind of key place draws reports. */
export const PLACE_PULL: Record<PlaceKind, number> = {
  market: 3,
  station: 3,
  square: 2,
  hospital: 2,
  school: 1.5,
  government: 1,
  enterprise: 1,
};

const M_PER_DEG = 111_320;

/** A point `meters` away from lon/lat in a random direction. */
export function offset(rng: Rng, lon: number, lat: number, meters: number): [number, number] {
  const a = rng.next() * 2 * Math.PI;
  return [
    lon + (Math.cos(a) * meters) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)),
    lat + (Math.sin(a) * meters) / M_PER_DEG,
  ];
}

export function distanceM(a: [number, number], b: [number, number]): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * M_PER_DEG * k, (a[1] - b[1]) * M_PER_DEG);
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inPolygons(x: number, y: number, polygons: Polygon[]): boolean {
  for (const [outer, ...holes] of polygons) {
    if (inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h))) return true;
  }
  return false;
}

interface GeoJsonGrid {
  id: number;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties: { id: number; community_id: number; type: string; population: number };
}

export function gridFromFeature(f: GeoJsonGrid): GridShape {
  const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Polygon[];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of polygons)
    for (const [x, y] of p[0]) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return {
    id: f.properties.id,
    communityId: f.properties.community_id,
    type: f.properties.type,
    population: f.properties.population,
    bbox: [minX, minY, maxX, maxY],
    polygons,
  };
}

export class PlacePicker {
  private cellDeg = 0.01;
  private index = new Map<string, GridShape[]>();
  private buildingTotal: number;

  constructor(
    readonly grids: GridShape[],
    readonly keyPlaces: KeyPlace[] = [],
    readonly buildings: BuildingPoint[] = [],
  ) {
    if (!grids.length) throw new Error('the city has no grids: load one (npm run seed) before simulating');
    for (const g of grids) {
      for (let cx = Math.floor(g.bbox[0] / this.cellDeg); cx <= Math.floor(g.bbox[2] / this.cellDeg); cx++) {
        for (let cy = Math.floor(g.bbox[1] / this.cellDeg); cy <= Math.floor(g.bbox[3] / this.cellDeg); cy++) {
          const k = `${cx}:${cy}`;
          let list = this.index.get(k);
          if (!list) this.index.set(k, (list = []));
          list.push(g);
        }
      }
    }
    this.buildingTotal = buildings.length;
  }

  /** The grid covering a point, or null outside the city. */
  gridAt(lon: number, lat: number): GridShape | null {
    const list = this.index.get(`${Math.floor(lon / this.cellDeg)}:${Math.floor(lat / this.cellDeg)}`) ?? [];
    for (const g of list) {
      if (lon < g.bbox[0] || lon > g.bbox[2] || lat < g.bbox[1] || lat > g.bbox[3]) continue;
      if (inPolygons(lon, lat, g.polygons)) return g;
    }
    return null;
  }

  private spotAt(lon: number, lat: number, extra: Partial<Spot> = {}): Spot | null {
    const g = this.gridAt(lon, lat);
    if (!g) return null;
    return {
      lon: round7(lon),
      lat: round7(lat),
      gridId: g.id,
      setting: g.type === 'rural' ? 'rural' : 'urban',
      ...extra,
    };
  }

  /** A random point inside a grid. */
  inGrid(rng: Rng, g: GridShape): Spot | null {
    for (let k = 0; k < 60; k++) {
      const s = this.spotAt(rng.range(g.bbox[0], g.bbox[2]), rng.range(g.bbox[1], g.bbox[3]));
      if (s && s.gridId === g.id) return s;
    }
    return null;
  }

  /** A point `minM`–`maxM` from lon/lat that lies in some grid (null when none is found). */
  near(rng: Rng, lon: number, lat: number, minM: number, maxM: number, extra: Partial<Spot> = {}): Spot | null {
    for (let k = 0; k < 20; k++) {
      const [x, y] = offset(rng, lon, lat, rng.range(minM, maxM));
      const s = this.spotAt(x, y, extra);
      if (s) return s;
    }
    return null;
  }

  /** Where the next report comes from. */
  pick(rng: Rng): Spot {
    for (let tries = 0; tries < 20; tries++) {
      const r = rng.next();
      let s: Spot | null;
      if (r < 0.35 && this.keyPlaces.length) {
        const p = rng.weighted(this.keyPlaces, (kp) => PLACE_PULL[kp.kind] ?? 1);
        s = this.near(rng, p.lon, p.lat, 5, 160, { placeKind: p.kind, placeName: p.name });
      } else if (r < 0.75 && this.buildingTotal) {
        const b = rng.weighted(
          this.buildings,
          (x) => 1 + Math.min(x.households, 300) / 10 + (x.use === 'commercial' ? 8 : 0),
        );
        s = this.near(rng, b.lon, b.lat, 2, 25);
      } else {
        s = this.inGrid(
          rng,
          rng.weighted(this.grids, (g) => 50 + g.population),
        );
      }
      if (s) return s;
    }
    // Whatever happens, report somewhere inside the city.
    for (;;) {
      const s = this.inGrid(rng, rng.pick(this.grids));
      if (s) return s;
    }
  }

  static async load(api: Api, db?: pg.Pool | pg.ClientBase | null): Promise<PlacePicker> {
    const res = await api.get<{ features: GeoJsonGrid[]; truncated?: boolean }>('/api/grids?limit=50000');
    if (res.status !== 200) throw new Error(`GET /api/grids: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    const grids = res.body.features.map(gridFromFeature);
    if (!db) return new PlacePicker(grids);
    const { rows: keyPlaces } = await db.query<KeyPlace>(
      'SELECT kind, name_zh AS name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM key_places ORDER BY id',
    );
    // A sample of buildings (the city-size fixture has far too many to read them all).
    const {
      rows: [est],
    } = await db.query<{ n: number }>(
      "SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE relname = 'buildings'",
    );
    const pct = Math.min(100, Math.max(0.01, (6000 / (est?.n ?? 1)) * 100));
    const { rows: buildings } = await db.query<BuildingPoint>(
      `SELECT use, households, ST_X(p) AS lon, ST_Y(p) AS lat
       FROM (SELECT use, households, ST_PointOnSurface(geom) AS p FROM buildings TABLESAMPLE SYSTEM ($1) LIMIT 8000) b`,
      [pct],
    );
    return new PlacePicker(grids, keyPlaces, buildings);
  }
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/**
 * Who can be sent: the grid's own worker (`worker_id` of `GET /api/grids/{id}`, cached) or a
 * patrol team of the street office (from the database, when the simulator has it).
 */
export class UnitDirectory {
  private workers = new Map<number, Promise<{ id: number; name: string } | null>>();
  private teamsByOffice = new Map<number, PatrolTeam[]>();

  constructor(
    private readonly api: Api,
    readonly teams: PatrolTeam[] = [],
  ) {
    for (const t of teams) {
      if (t.streetOfficeId === null) continue;
      const list = this.teamsByOffice.get(t.streetOfficeId) ?? [];
      list.push(t);
      this.teamsByOffice.set(t.streetOfficeId, list);
    }
  }

  workerOf(gridId: number | null): Promise<{ id: number; name: string } | null> {
    if (gridId === null) return Promise.resolve(null);
    let p = this.workers.get(gridId);
    if (!p) {
      p = this.api
        .get<{ properties: { worker_id: number | null; worker_name: string | null } }>(`/api/grids/${gridId}`)
        .then((r) =>
          r.status === 200 && r.body.properties.worker_id
            ? { id: r.body.properties.worker_id, name: r.body.properties.worker_name ?? '' }
            : null,
        )
        // The client counted each failed attempt in the stats; without an answer the incident
        // is dispatched without naming the grid's worker.
        .catch(() => null);
      // Remember answers, not failures: the next dispatch asks again.
      p.then((v) => {
        if (!v) this.workers.delete(gridId);
      });
      this.workers.set(gridId, p);
    }
    return p;
  }

  teamNear(rng: Rng, streetOfficeId: number | null): PatrolTeam | null {
    const list = streetOfficeId !== null ? this.teamsByOffice.get(streetOfficeId) : undefined;
    if (list?.length) return rng.pick(list);
    return null;
  }

  static async load(api: Api, db?: pg.Pool | pg.ClientBase | null): Promise<UnitDirectory> {
    if (!db) return new UnitDirectory(api);
    const { rows } = await db.query<PatrolTeam>(
      'SELECT id, name, street_office_id AS "streetOfficeId" FROM patrol_units WHERE kind = \'patrol_team\' ORDER BY id',
    );
    return new UnitDirectory(api, rows);
  }
}
