import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { decodeTile, layerFeatures, tileFor } from '../helpers/mvt.ts';

const t = useTestApp();

async function tile(path: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: path, headers: { ...t.auth('wall'), ...headers } });
}

async function pointOf(sql: string) {
  const { rows } = await t.db.query(sql);
  return rows[0] as { id: number; lon: number; lat: number; households?: number };
}

describe('vector tiles', () => {
  it('grid tiles carry each grid with its figures', async () => {
    const g = await pointOf(`SELECT id, households, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat
                             FROM grids ORDER BY id OFFSET 3 LIMIT 1`);
    const { z, x, y } = tileFor(g.lon, g.lat, 14);
    const res = await tile(`/tiles/grids/${z}/${x}/${y}.mvt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const features = layerFeatures(res.rawPayload, 'grids');
    const mine = features.find((f) => f.id === g.id);
    expect(mine).toBeDefined();
    expect(mine!.properties.households).toBe(g.households);
    expect(mine!.type).toBe(3); // polygon
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM grids WHERE geom_3857 && ST_TileEnvelope($1,$2,$3)',
      [z, x, y],
    );
    expect(features.length).toBe(rows[0].n);
  });

  it('serves an unchanged tile again with its etag and 304', async () => {
    const g = await pointOf(
      `SELECT id, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat FROM grids LIMIT 1`,
    );
    const { z, x, y } = tileFor(g.lon, g.lat, 13);
    const first = await tile(`/tiles/grids/${z}/${x}/${y}.mvt`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await tile(`/tiles/grids/${z}/${x}/${y}.mvt`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('basemap tiles hold roads, buildings, land use and water from the city data', async () => {
    const b = await pointOf(`SELECT id, ST_X(ST_Centroid(geom)) lon, ST_Y(ST_Centroid(geom)) lat FROM buildings
                             WHERE use = 'residential' ORDER BY id LIMIT 1`);
    const { z, x, y } = tileFor(b.lon, b.lat, 15);
    const res = await tile(`/tiles/basemap/${z}/${x}/${y}.mvt`);
    const layers = Object.keys(decodeTile(res.rawPayload).layers);
    expect(layers).toEqual(expect.arrayContaining(['buildings', 'roads', 'landuse']));
    const w = await pointOf(
      `SELECT id, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat FROM water WHERE kind = 'river' LIMIT 1`,
    );
    const wt = tileFor(w.lon, w.lat, 12);
    const water = layerFeatures((await tile(`/tiles/water/${wt.z}/${wt.x}/${wt.y}.mvt`)).rawPayload, 'water');
    expect(water.some((f) => f.properties.kind === 'river')).toBe(true);
  });

  it('low-zoom camera tiles count every camera in the tile', async () => {
    const c = await pointOf(
      `SELECT 0 id, ST_X(ST_Centroid(ST_Extent(geom)::geometry)) lon, ST_Y(ST_Centroid(ST_Extent(geom)::geometry)) lat FROM cameras`,
    );
    const { z, x, y } = tileFor(c.lon, c.lat, 10);
    const features = layerFeatures((await tile(`/tiles/cameras/${z}/${x}/${y}.mvt`)).rawPayload, 'cameras');
    const total = features.reduce((s, f) => s + Number(f.properties.count), 0);
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM cameras WHERE geom_3857 && ST_TileEnvelope($1,$2,$3)',
      [z, x, y],
    );
    expect(total).toBe(rows[0].n);
    expect(total).toBeGreaterThan(0);
  });

  it('high-zoom incident tiles carry the open and recent incidents one by one', async () => {
    const i = await pointOf(
      `SELECT 0 id, ST_X(geom) lon, ST_Y(geom) lat FROM incidents WHERE closed_at IS NULL ORDER BY reported_at DESC LIMIT 1`,
    );
    const { z, x, y } = tileFor(i.lon, i.lat, 15);
    const features = layerFeatures((await tile(`/tiles/incidents/${z}/${x}/${y}.mvt`)).rawPayload, 'incidents');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM incidents WHERE geom_3857 && ST_TileEnvelope($1,$2,$3)
         AND (closed_at IS NULL OR reported_at > now() - interval '30 days')`,
      [z, x, y],
    );
    expect(features.length).toBe(rows[0].n);
    expect(features.some((f) => f.properties.closed === false)).toBe(true);
    expect(['routine', 'key', 'difficult']).toContain(features[0].properties.grade);
  });

  it('answers an empty tile far from the city', async () => {
    const res = await tile('/tiles/grids/10/0/0.mvt');
    expect(res.statusCode).toBe(200);
    expect(layerFeatures(res.rawPayload, 'grids')).toHaveLength(0);
  });

  it.each([
    ['/tiles/nothing/1/0/0.mvt', 404, 'unknown_layer'],
    ['/tiles/grids/3/8/0.mvt', 400, 'bad_tile'],
    ['/tiles/grids/23/0/0.mvt', 400, 'bad_request'],
    ['/tiles/grids/a/0/0.mvt', 400, 'bad_request'],
    ['/tiles/grids/2/-1/0.mvt', 400, 'bad_request'],
  ])('%s → %i %s', async (url, status, code) => {
    const res = await tile(url);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });
});
