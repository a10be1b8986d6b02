/**
 * Key places (schools, hospitals, markets…) as a register. The grid a place lies in is found
 * from its point whenever the point is written, so it never disagrees with the map. A change
 * announces itself as `city.imported` for layer key-places: the one event on which screens and
 * the tile cache already reload a layer of the city.
 */
import type pg from 'pg';
import type { KeyPlace, KeyPlaceInput, ListQueryT } from '../contract/registers.ts';
import { appendEvent } from './outbox.ts';
import { iso, listPage, lockVersioned, ref, registerWrite, type Db } from './register-common.ts';

const SELECT = `
SELECT k.id, k.code, k.kind, k.name, k.name_zh, k.address, ST_X(k.geom) AS lon, ST_Y(k.geom) AS lat,
       k.grid_id, g.code AS grid_code, g.name AS grid_name, k.version, k.updated_at
FROM key_places k LEFT JOIN grids g ON g.id = k.grid_id`;
const SEARCH = `($1::text IS NULL OR k.code ILIKE $1 OR k.name ILIKE $1 OR k.name_zh ILIKE $1 OR k.address ILIKE $1)`;
const LIST = `${SELECT} WHERE ${SEARCH} ORDER BY k.code LIMIT $2 OFFSET $3`;
const COUNT = `SELECT count(*)::int AS n FROM key_places k WHERE ${SEARCH}`;
const GET = `${SELECT} WHERE k.id = $1`;
const LOCK = `
SELECT id, code, kind, name, name_zh, address, ST_X(geom) AS lon, ST_Y(geom) AS lat, version
FROM key_places WHERE id = $1 FOR UPDATE`;
// The point, the grid it lies in (the lowest id wins on a shared edge) and the street crossing patrols reach it from.
const POINT = `ST_SetSRID(ST_MakePoint($6, $7), 4326)`;
const GRID_OF = `(SELECT g.id FROM grids g WHERE ST_Intersects(g.geom, ${POINT}) ORDER BY g.id LIMIT 1)`;
const INSERT = `
INSERT INTO key_places (code, kind, name, name_zh, address, geom, grid_id, vertex_id)
VALUES ($1, $2, $3, $4, $5, ${POINT}, ${GRID_OF}, street_vertex_near(${POINT})) RETURNING id`;
const UPDATE = `
UPDATE key_places SET code = $1, kind = $2, name = $3, name_zh = $4, address = $5, geom = ${POINT},
  grid_id = ${GRID_OF}, vertex_id = street_vertex_near(${POINT}), version = version + 1, updated_at = now()
WHERE id = $8`;
const DELETE = `DELETE FROM key_places WHERE id = $1`;

interface Row {
  id: number;
  code: string;
  kind: KeyPlace['kind'];
  name: string;
  name_zh: string;
  address: string | null;
  lon: number;
  lat: number;
  grid_id: number | null;
  grid_code: string | null;
  grid_name: string | null;
  version: number;
  updated_at: Date;
}

const toPlace = (r: Row): KeyPlace => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  name: r.name,
  name_zh: r.name_zh,
  address: r.address,
  lon: r.lon,
  lat: r.lat,
  grid_id: r.grid_id,
  grid: ref(r.grid_id, r.grid_code, r.grid_name),
  version: r.version,
  updated_at: iso(r.updated_at),
});

const get = async (db: Db, id: number): Promise<KeyPlace | null> => {
  const { rows } = await db.query<Row>(GET, [id]);
  return rows[0] ? toPlace(rows[0]) : null;
};

const fields = (p: KeyPlaceInput) => [p.code, p.kind, p.name, p.name_zh, p.address ?? null, p.lon, p.lat];

async function announce(client: pg.ClientBase, action: string, id: number, actor: string) {
  await appendEvent(client, { type: 'city.imported', payload: { layer: 'key-places', action, ids: [id], actor } });
}

export const keyPlaces = {
  list: (db: Db, q: ListQueryT) => listPage(db, LIST, COUNT, q, toPlace),
  get,

  async create(db: pg.Pool, body: KeyPlaceInput, actor: string): Promise<KeyPlace> {
    return registerWrite(db, 'The key place', async (client) => {
      const { rows } = await client.query<{ id: number }>(INSERT, fields(body));
      await announce(client, 'created', rows[0].id, actor);
      return (await get(client, rows[0].id))!;
    });
  },

  async update(
    db: pg.Pool,
    id: number,
    body: Partial<KeyPlaceInput> & { version: number },
    actor: string,
  ): Promise<KeyPlace> {
    return registerWrite(db, 'The key place', async (client) => {
      const cur = await lockVersioned<KeyPlaceInput & { version: number }>(
        client,
        LOCK,
        [id],
        'key place',
        body.version,
      );
      await client.query(UPDATE, [...fields({ ...cur, ...body }), id]);
      await announce(client, 'updated', id, actor);
      return (await get(client, id))!;
    });
  },

  async remove(db: pg.Pool, id: number, version: number, actor: string): Promise<void> {
    await registerWrite(db, 'The key place', async (client) => {
      await lockVersioned(client, LOCK, [id], 'key place', version);
      // Patrol checkpoints at the place keep their own point and name (their FK sets null).
      await client.query(DELETE, [id]);
      await announce(client, 'deleted', id, actor);
    });
  },
};
