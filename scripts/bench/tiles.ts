/**
 * Tile benchmarks: server latency for uncached tiles against the same ST_AsMVT SQL timed
 * directly in PostGIS, GeoJSON grid latency, and cached-tile throughput.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { tileQuery } from '../../server/src/repos/tiles.ts';
import { mean, percentile, round, type BenchResult } from './stats.ts';
import { startServerProcess } from '../lib/server-process.ts';

interface Tile {
  z: number;
  x: number;
  y: number;
}

function tileFor(lon: number, lat: number, z: number): Tile {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

/** Tiles a wall display would ask for: around grids (dense where the city is dense), zooms 11–16. */
async function sampleTiles(db: pg.Client, count: number): Promise<Tile[]> {
  const { rows } = await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY md5(id::text) LIMIT $1) s`,
    [count],
  );
  const zooms = [11, 12, 13, 14, 15, 16];
  const seen = new Set<string>();
  const tiles: Tile[] = [];
  rows.forEach((r, i) => {
    const t = tileFor(r.lon, r.lat, zooms[i % zooms.length]);
    const k = `${t.z}/${t.x}/${t.y}`;
    if (!seen.has(k)) {
      seen.add(k);
      tiles.push(t);
    }
  });
  return tiles;
}

async function timeRaw(db: pg.Client, layer: string, t: Tile): Promise<number> {
  const q = tileQuery(layer, t.z, t.x, t.y)!;
  const start = performance.now();
  // Unnamed, as a one-off query in psql would run: the baseline is the SQL itself.
  await db.query({ text: q.text, values: q.values, rowMode: 'array' });
  return performance.now() - start;
}

async function timeHttp(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
  return performance.now() - start;
}

async function login(base: string, creds: { username: string; password: string }) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return { authorization: `Bearer ${(await res.json()).token}` };
}

export async function benchTiles(
  databaseUrl: string,
  creds: { username: string; password: string },
  quick: boolean,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const tiles = await sampleTiles(db, quick ? 60 : 240);
  const rounds = quick ? 2 : 3;

  // Uncached: the server's cache is off, so each request runs the SQL.
  const server = await startServerProcess(databaseUrl, { env: { GRIDBOARD_TILE_CACHE_MB: '0' }, quiet: true });
  try {
    const headers = await login(server.url, creds);
    for (const layer of ['grids', 'incidents']) {
      for (const t of tiles) await timeRaw(db, layer, t); // warm PostgreSQL's buffers for both sides
      const raw: number[] = [];
      const http: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const t of tiles) {
          raw.push(await timeRaw(db, layer, t));
          http.push(await timeHttp(`${server.url}/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`, headers));
        }
      }
      for (const p of [50, 99]) {
        const base = percentile(raw, p);
        const value = percentile(http, p);
        results.push({
          name: `tile-${layer}-p${p}`,
          value: round(value),
          unit: 'ms',
          baseline: round(base),
          ratio: round(value / base),
          target: p === 50 ? 'ratio ≤ 1.3' : undefined,
          note: `${tiles.length} tiles × ${rounds}, z11–16, uncached; baseline = same SQL in psql-equivalent client`,
        });
      }
    }

    // GeoJSON: one community's grids (what the editor loads) and a neighbourhood bbox.
    const { rows: comms } = await db.query<{ id: number }>(
      'SELECT id FROM communities ORDER BY md5(id::text) LIMIT 20',
    );
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const c of comms) samples.push(await timeHttp(`${server.url}/api/grids?community=${c.id}`, headers));
    }
    results.push({ name: 'geojson-grids-community-p50', value: round(percentile(samples, 50)), unit: 'ms' });
    results.push({ name: 'geojson-grids-community-p99', value: round(percentile(samples, 99)), unit: 'ms' });
    const all: number[] = [];
    for (let r = 0; r < (quick ? 2 : 3); r++) all.push(await timeHttp(`${server.url}/api/grids?limit=50000`, headers));
    results.push({
      name: 'geojson-grids-all',
      value: round(mean(all)),
      unit: 'ms',
      note: 'every grid of the city in one response',
    });
  } finally {
    await server.stop();
  }

  // Cached: repeat requests for one unchanged tile.
  const cached = await startServerProcess(databaseUrl, { quiet: true });
  try {
    const headers = await login(cached.url, creds);
    const t = tiles.find((x) => x.z === 14) ?? tiles[0];
    const url = `${cached.url}/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`;
    await timeHttp(url, headers);
    const result = await autocannon({ url, headers, connections: 50, duration: quick ? 3 : 10, pipelining: 1 });
    results.push({
      name: 'tile-cached-throughput',
      value: Math.round(result.requests.average),
      unit: 'req/s',
      target: '≥ 5000',
      note: `autocannon, 50 connections, ${quick ? 3 : 10} s, ${result.non2xx} non-2xx, p99 ${result.latency.p99} ms`,
    });
  } finally {
    await cached.stop();
  }
  await db.end();
  return results;
}
