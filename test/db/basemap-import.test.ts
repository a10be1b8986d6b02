/**
 * The `basemap` import against a real PostGIS and a real osm2pgsql: OSM roads, water and land use
 * replace the basemap in one transaction, the street graph is rebuilt from them, and a bad file
 * or a dry run leaves the map as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasemapInputError, importBasemap } from '../../server/src/ingest/basemap.ts';
import { DEFAULT_SEED, generateCity } from '../../fixtures/city/generate.ts';
import { writeCityOsm } from '../../fixtures/city/write-osm.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

let db: pg.Client;
let dir: string;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  dir = mkdtempSync(join(tmpdir(), 'gridboard-basemap-test-'));
});
afterAll(async () => {
  await db.end();
  rmSync(dir, { recursive: true, force: true });
});

const one = async (q: string) => (await db.query(q)).rows[0];
const file = (name: string, body: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const run = (path: string, dryRun = false) => importBasemap({ databaseUrl: testDatabaseUrl(), file: path, dryRun });

/** Everything a basemap import may change, as one comparable value. */
const snapshot = () =>
  one(`SELECT
    (SELECT count(*)::int FROM roads) AS roads, (SELECT count(*)::int FROM water) AS water,
    (SELECT count(*)::int FROM landuse) AS landuse, (SELECT count(*)::int FROM street_vertices) AS vertices,
    (SELECT md5(string_agg(id || class || ST_AsText(geom), ',' ORDER BY id)) FROM roads) AS roads_md5,
    (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'import_staging' AND tablename LIKE 'bm\\_%') AS staging`);

// A crossing of two named streets (the crossing node 3 is inside both ways, so each is cut
// there), a track off one end, a footway (not a road), a way whose second node is missing, a lake,
// a pond without a water=* kind, a park, a bow-tie of residential land (invalid, made valid) and
// a building (counted, not loaded). Around the sample city's centre, 111.6 E 26.2 N.
const NODES: [number, number, number][] = [
  [1, 111.6, 26.2],
  [2, 111.601, 26.2],
  [3, 111.602, 26.2],
  [4, 111.602, 26.199],
  [5, 111.602, 26.201],
  [6, 111.603, 26.202],
  [7, 111.61, 26.21],
  [8, 111.612, 26.21],
  [9, 111.612, 26.212],
  [10, 111.61, 26.212],
  [11, 111.62, 26.22],
  [12, 111.6203, 26.22],
  [13, 111.6203, 26.2203],
  [14, 111.63, 26.23],
  [15, 111.632, 26.23],
  [16, 111.632, 26.232],
  [17, 111.63, 26.232],
  [18, 111.64, 26.24],
  [19, 111.641, 26.241],
  [20, 111.641, 26.24],
  [21, 111.64, 26.241],
  [22, 111.65, 26.25],
  [23, 111.6501, 26.25],
  [24, 111.6501, 26.2501],
];
const way = (id: number, nds: number[], tags: Record<string, string>) =>
  `<way id="${id}">${nds.map((n) => `<nd ref="${n}"/>`).join('')}${Object.entries(tags)
    .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
    .join('')}</way>`;
const WAYS = [
  way(1, [1, 2, 3], { highway: 'primary', name: '人民路', 'name:en': 'Renmin Road' }),
  way(2, [4, 3, 5], { highway: 'residential', name: 'Xinhua Street' }),
  way(3, [5, 6], { highway: 'track' }),
  way(4, [1, 4], { highway: 'footway', name: 'not a road' }),
  way(5, [2, 999], { highway: 'residential', name: 'Broken Lane' }),
  way(6, [7, 8, 9, 10, 7], { natural: 'water', water: 'lake', name: '东湖', 'name:en': 'East Lake' }),
  way(7, [11, 12, 13, 11], { natural: 'water' }),
  way(8, [14, 15, 16, 17, 14], { leisure: 'park', name: 'People Park' }),
  way(9, [18, 19, 20, 21, 18], { landuse: 'residential' }),
  way(10, [22, 23, 24, 22], { building: 'yes' }),
];
const osm = (ways: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="test">\n${NODES.map(
    ([id, lon, lat]) => `<node id="${id}" lon="${lon}" lat="${lat}"/>`,
  ).join('\n')}\n${ways.join('\n')}\n</osm>\n`;

describe('basemap import (osm2pgsql)', () => {
  it("imports the sample city's own OSM file back to as many roads as the generator made", async () => {
    const city = generateCity({ size: 'small', seed: DEFAULT_SEED });
    const path = join(dir, 'city.osm');
    const counts = await writeCityOsm(city, path);
    const r = await run(path);
    expect(r.rejected).toEqual([]);
    expect(r.merge.roadSegments).toBe(city.roads.length);
    expect((await one('SELECT count(*)::int AS n FROM roads')).n).toBe(city.roads.length);
    expect((await one('SELECT count(*)::int AS n FROM landuse')).n).toBe(counts.landuse);
    // The file's vertices are the loader's own 1e-7° roundings, so the roads come back identical.
    expect(r.merge.roads.unchanged).toBe(city.roads.length);
    process.stderr.write(
      `[basemap] sample city (small): ${counts.nodes} nodes, ${counts.ways} ways; read ${r.read}, ` +
        `osm2pgsql ${r.seconds.osm2pgsql} s, merge ${r.seconds.merge} s ${JSON.stringify(r.merge.seconds)}\n`,
    );
  });

  it('replaces roads, water and land use, and rebuilds the street graph', async () => {
    const r = await run(file('small.osm', osm(WAYS)));
    // Xinhua Street is cut where Renmin Road ends on it (node 3): 1 + 2 + 1 road rows.
    const { rows: roads } = await db.query('SELECT class, name, name_zh FROM roads ORDER BY id');
    expect(roads).toEqual([
      { class: 'arterial', name: 'Renmin Road', name_zh: '人民路' },
      { class: 'lane', name: 'Xinhua Street', name_zh: null },
      { class: 'lane', name: 'Xinhua Street', name_zh: null },
      { class: 'rural', name: null, name_zh: null },
    ]);
    const { rows: water } = await db.query('SELECT kind, name, name_zh FROM water ORDER BY id');
    expect(water).toEqual([
      { kind: 'lake', name: 'East Lake', name_zh: '东湖' },
      { kind: 'pond', name: null, name_zh: null },
    ]);
    const { rows: land } = await db.query('SELECT kind, ST_IsValid(geom) AS valid FROM landuse ORDER BY id');
    expect(land).toEqual([
      { kind: 'park', valid: true },
      { kind: 'residential', valid: true },
    ]);
    expect(r.read).toBe(8);
    expect(r.inserted).toBe(8);
    expect(r.rejected).toEqual([{ index: 3, code: 'w5', reason: expect.stringMatching(/^road: osm2pgsql could not/) }]);
    expect(r.repaired).toEqual([{ index: 1, code: 'w9', what: expect.stringContaining('ST_MakeValid') }]);
    expect(r.warnings.join('\n')).toMatch(/1 buildings in the file were not loaded/);
    expect(r.warnings.join('\n')).toMatch(/removed what the map had/);

    // The graph: nodes 1, 3, 4, 5, 6; a route runs from the track's far end to node 1.
    expect((await one('SELECT count(*)::int AS n FROM street_vertices')).n).toBe(5);
    expect((await one('SELECT count(*)::int AS n FROM roads WHERE source IS NULL OR target IS NULL')).n).toBe(0);
    const route = await one(`
      SELECT count(*)::int AS steps, max(agg_cost) AS metres FROM pgr_dijkstra(
        'SELECT id, source, target, length_m AS cost, length_m AS reverse_cost FROM roads',
        street_vertex_near(ST_SetSRID(ST_MakePoint(111.603, 26.202), 4326)),
        street_vertex_near(ST_SetSRID(ST_MakePoint(111.6, 26.2), 4326)), false)`);
    expect(route.steps).toBe(4); // the track, half of Xinhua Street, Renmin Road, the end
    expect(route.metres).toBeGreaterThan(300);
    expect((await snapshot()).staging).toBe(0);
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const r = await run(join(dir, 'small.osm'));
    expect(r).toMatchObject({ read: 8, inserted: 0, updated: 0, unchanged: 8 });
    expect(r.merge.graphVertices).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run reports what would change and changes nothing', async () => {
    const before = await snapshot();
    const moved = WAYS.slice(0, 3).concat(way(11, [6, 9], { highway: 'secondary', name: 'New Road' }));
    const r = await run(file('moved.osm', osm(moved)), true);
    expect(r).toMatchObject({ read: 4, inserted: 1, unchanged: 4 });
    expect(r.merge.roads).toEqual({ inserted: 1, removed: 0, unchanged: 4 });
    expect(r.merge.water.removed).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file that is not OSM, is empty, is cut short or has no roads, and keeps the basemap', async () => {
    const before = await snapshot();
    const refused = async (path: string, message: RegExp) => {
      const err = await run(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BasemapInputError);
      expect((err as Error).message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    };
    await refused(file('garbage.osm', 'this is not a map\n'), /not an OpenStreetMap file/);
    await refused(file('empty.osm', ''), /empty/);
    await refused(file('cut.osm', osm(WAYS).slice(0, 900)), /osm2pgsql could not read the file/);
    // A PBF whose first block header promises more than the file holds.
    const header = Buffer.concat([Buffer.from([0x0a, 0x09]), Buffer.from('OSMHeader'), Buffer.from([0x18, 0x64])]);
    const pbf = Buffer.concat([Buffer.from([0, 0, 0, header.length]), header, Buffer.from([0x10, 0x20])]);
    await refused(file('cut.osm.pbf', pbf), /osm2pgsql could not read the file/);
    await refused(file('lake-only.osm', osm([WAYS[5]])), /no roads/);
  });

  it.skipIf(!hasOsmium())('reads PBF as written by osmium, and refuses it cut in half', async () => {
    const pbf = join(dir, 'small.osm.pbf');
    execFileSync('osmium', ['cat', join(dir, 'small.osm'), '-o', pbf, '--overwrite']);
    const r = await run(pbf);
    expect(r).toMatchObject({ read: 8, inserted: 0, unchanged: 8 });
    const whole = execFileSync('cat', [pbf]);
    const err = await run(file('half.pbf', whole.subarray(0, Math.floor(whole.length / 2)))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BasemapInputError);
  });
});

function hasOsmium(): boolean {
  try {
    execFileSync('osmium', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
