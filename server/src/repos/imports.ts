/**
 * Imports of area layers from GeoJSON. Each feature is checked on its own and rejected with its
 * index and reason; the good ones go in together in one transaction, each under a savepoint, so
 * one that breaks an invariant is refused alone and leaves nothing behind.
 *
 * - communities: a new community is carved out of the communities it covers (their grids shrink
 *   with them, keeping every community tiled), must lie in one street office, and is
 *   auto-partitioned into grids of the standard size as a starting proposal.
 * - grids: the features of a community replace its grids; together they must tile it.
 */
import type pg from 'pg';
import { checkArea } from '../domain/grid-geometry.ts';
import { isInt4 } from '../domain/calendar.ts';
import { AppError, appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { asClientError, EDGE_SNAP_DEG, editIn, type Applied } from './grid-edits.ts';
import { applyPartition } from './grid-edits-partition.ts';
import { inTransaction } from './transaction.ts';

export interface Rejected {
  index: number;
  reason: string;
}

export interface ImportOutcome {
  inserted: number;
  ids: number[];
  rejected: Rejected[];
}

/** An import where every feature was refused is itself refused (422), with every reason. */
export function refuseIfNothing(out: ImportOutcome): ImportOutcome {
  if (out.inserted > 0 || !out.rejected.length) return out;
  const first = out.rejected
    .slice(0, 3)
    .map((r) => `feature ${r.index}: ${r.reason}`)
    .join('; ');
  throw appError('nothing_imported', `No feature could be imported — ${first}`, {
    inserted: 0,
    rejected: out.rejected,
  });
}

const props = (f: unknown): Record<string, unknown> => {
  const p = (f as { properties?: unknown })?.properties;
  return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
};
const str = (v: unknown, max = 200): string | null =>
  typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null;

/** Runs `fn` under a savepoint: a refusal rolls back just this feature and becomes its reason. */
async function feature<T>(
  client: pg.ClientBase,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  await client.query('SAVEPOINT feature');
  try {
    const value = await fn();
    await client.query('RELEASE SAVEPOINT feature');
    return { ok: true, value };
  } catch (err) {
    await client.query('ROLLBACK TO SAVEPOINT feature');
    const e = asClientError(err);
    if (e instanceof AppError && e.statusCode < 500) return { ok: false, reason: e.message };
    throw e;
  }
}

function geometryOf(f: unknown): { ok: true; json: string } | { ok: false; reason: string } {
  if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature')
    return { ok: false, reason: 'not a GeoJSON Feature' };
  const a = checkArea((f as { geometry?: unknown }).geometry);
  return a.ok ? { ok: true, json: JSON.stringify(a.value) } : { ok: false, reason: a.reason };
}

interface Place {
  valid: boolean;
  reason: string | null;
  area_m2: number;
  street_office_id: number | null;
  street_office_code: string | null;
  outside_m2: number | null;
  communities: { id: number; code: string; kind: 'urban' | 'rural'; taken_m2: number; kept_m2: number }[] | null;
}

/** Carve one new community out of the map and partition it. Returns its id. */
async function importCommunity(
  client: pg.ClientBase,
  geo: string,
  p: Record<string, unknown>,
  actor: string,
): Promise<number> {
  const code = str(p.code, 40);
  if (!code) throw appError('bad_request', 'properties.code is required (a text of at most 40 characters)');
  const nameZh = str(p.name_zh) ?? str(p.name);
  if (!nameZh) throw appError('bad_request', 'properties.name_zh (or name) is required');
  const { rows: dup } = await client.query('SELECT 1 FROM communities WHERE code = $1', [code]);
  if (dup.length) throw appError('conflict', `community code ${code} is already used`);
  const {
    rows: [place],
  } = await client.query<Place>(sql('imports/community-place'), [geo]);
  if (!place.valid) throw appError('bad_geometry', `not a valid polygon: ${place.reason}`);
  if (place.street_office_id === null)
    throw appError('outside_area', 'the area lies outside every street office of the city');
  if ((place.outside_m2 ?? 0) > 1) {
    throw appError(
      'outside_area',
      `the area reaches ${Math.round(place.outside_m2!)} m² beyond street office ${place.street_office_code}; a community lies within one street office`,
    );
  }
  const taken = place.communities ?? [];
  const swallowed = taken.find((c) => c.kept_m2 < 1);
  if (swallowed)
    throw appError(
      'bad_request',
      `the area covers all of community ${swallowed.code}; redraw that community's grids instead`,
    );
  const kindProp = p.kind === 'urban' || p.kind === 'rural' ? p.kind : null;
  const kind = kindProp ?? [...taken].sort((a, b) => b.taken_m2 - a.taken_m2)[0]?.kind ?? 'urban';
  const { rows: ins } = await client.query<{ id: number }>(sql('imports/community-insert'), [
    geo,
    place.street_office_id,
    code,
    str(p.name) ?? code,
    nameZh,
    kind,
    EDGE_SNAP_DEG,
  ]);
  if (!ins.length) throw appError('bad_geometry', 'nothing of the area is left inside its street office');
  const id = ins[0].id;
  // One grid over the whole new community receives what it takes from its neighbours…
  const { rows: g0 } = await client.query<{ id: number }>(
    `INSERT INTO grids (community_id, code, name, type, geom, updated_by)
     SELECT id, code || '-G001', name_zh || '第1网格', kind, geom, $2 FROM communities WHERE id = $1 RETURNING id`,
    [id, actor],
  );
  for (const c of taken) {
    await editIn(
      client,
      c.id,
      'import',
      { actor, reason: `community ${code} carved out` },
      async (tx): Promise<Applied> => {
        const rows = await tx.q<{
          id: number;
          ewkb: Buffer;
          parts: number;
          area_m2: number;
          code: string;
          allow_multipart: boolean;
        }>('imports/carve', [c.id, id]);
        const removed: number[] = [];
        const survivors = [g0[0].id];
        for (const r of rows) {
          if (r.area_m2 < 1) {
            removed.push(r.id);
            continue;
          }
          if (r.parts > 1 && !r.allow_multipart)
            throw appError('breaks_tiling', `grid ${r.code} would be cut into ${r.parts} separate parts`);
          await tx.setGeom(r.id, r.ewkb);
          survivors.push(r.id);
        }
        return { survivors, removed };
      },
    );
  }
  // …and is then cut into grids of the standard size.
  const target =
    typeof p.target_households === 'number' && p.target_households >= 10 && p.target_households <= 5000
      ? p.target_households
      : undefined;
  await editIn(client, id, 'import', { actor, reason: `community ${code} imported and partitioned` }, async (tx) => ({
    ...(await applyPartition(tx, target)),
    allowNoop: true,
  }));
  return id;
}

export async function importCommunities(
  db: pg.Pool,
  features: readonly unknown[],
  actor: string,
): Promise<ImportOutcome> {
  return inTransaction(db, async (client) => {
    await client.query("SET LOCAL statement_timeout = '60s'");
    const rejected: Rejected[] = [];
    const ids: number[] = [];
    for (const [index, f] of features.entries()) {
      const g = geometryOf(f);
      if (!g.ok) {
        rejected.push({ index, reason: g.reason });
        continue;
      }
      const r = await feature(client, () => importCommunity(client, g.json, props(f), actor));
      if (r.ok) ids.push(r.value);
      else rejected.push({ index, reason: r.reason });
    }
    return { inserted: ids.length, ids, rejected };
  });
}

/** Replace the grids of each community named by the features with the features. */
export async function importGrids(db: pg.Pool, features: readonly unknown[], actor: string): Promise<ImportOutcome> {
  return inTransaction(db, async (client) => {
    await client.query("SET LOCAL statement_timeout = '60s'");
    const rejected: Rejected[] = [];
    const byCommunity = new Map<number, { index: number; geo: string; p: Record<string, unknown> }[]>();
    for (const [index, f] of features.entries()) {
      const g = geometryOf(f);
      if (!g.ok) {
        rejected.push({ index, reason: g.reason });
        continue;
      }
      const p = props(f);
      // An id beyond PostgreSQL's integer would fail the whole batch's query: it names no community.
      const cid = isInt4(p.community_id) ? p.community_id : null;
      const { rows } = await client.query<{ id: number }>(sql('imports/community-ref'), [
        cid,
        str(p.community_code, 40),
      ]);
      if (!rows.length) {
        rejected.push({ index, reason: 'properties.community_id or community_code must name an existing community' });
        continue;
      }
      const list = byCommunity.get(rows[0].id) ?? [];
      list.push({ index, geo: g.json, p });
      byCommunity.set(rows[0].id, list);
    }
    const ids: number[] = [];
    for (const [cid, list] of byCommunity) {
      const bad: Rejected[] = [];
      const r = await feature(client, () =>
        editIn(client, cid, 'import', { actor, reason: 'grids imported' }, async (tx): Promise<Applied> => {
          const old = await tx.q<{ id: number; code: string }>('grid-edits/lock-community-grids', [cid]);
          const oldIds = new Set(old.map((o) => o.id));
          const kept: { id: number | null; ewkb: Buffer; p: Record<string, unknown> }[] = [];
          for (const x of list) {
            const [c] = await tx.q<{
              valid: boolean;
              reason: string | null;
              outside_m2: number | null;
              ewkb: Buffer | null;
            }>('imports/grid-geom', [x.geo, cid, EDGE_SNAP_DEG]);
            if (!c.valid) bad.push({ index: x.index, reason: `not a valid polygon: ${c.reason}` });
            else if ((c.outside_m2 ?? 0) > 1)
              bad.push({
                index: x.index,
                reason: `reaches ${Math.round(c.outside_m2!)} m² outside community ${tx.community.code}`,
              });
            else {
              const id =
                isInt4(x.p.id) && oldIds.has(x.p.id) && !kept.some((k) => k.id === x.p.id) ? (x.p.id as number) : null;
              kept.push({ id, ewkb: c.ewkb!, p: x.p });
            }
          }
          if (!kept.length) throw appError('bad_request', 'no usable grid');
          const keptIds = new Set(kept.map((k) => k.id).filter((id): id is number => id !== null));
          const removed = old.map((o) => o.id).filter((id) => !keptIds.has(id));
          if (removed.length) await tx.q('grid-edits/free-codes', [removed]);
          const fresh = await tx.nextGridCodes(kept.filter((k) => k.id === null).length);
          const survivors: number[] = [];
          let n = 0;
          for (const k of kept) {
            if (k.id !== null) {
              await tx.setGeom(k.id, k.ewkb);
              survivors.push(k.id);
            } else {
              const code = str(k.p.code, 40) ?? fresh[n++];
              survivors.push(
                await tx.insertGrid({
                  code,
                  name: str(k.p.name_zh) ?? str(k.p.name) ?? `${tx.community.name_zh}${code}`,
                  type: ['urban', 'rural', 'unit', 'compound', 'street_lane'].includes(k.p.type as string)
                    ? (k.p.type as string)
                    : tx.community.kind,
                  allowMultipart: k.p.allow_multipart === true,
                  ewkb: k.ewkb,
                }),
              );
            }
          }
          return { survivors, removed, created: survivors.filter((s) => !oldIds.has(s)) };
        }),
      );
      if (r.ok) {
        rejected.push(...bad);
        ids.push(...r.value.after.map((g) => g.id));
      } else {
        for (const x of list) {
          const own = bad.find((b) => b.index === x.index);
          rejected.push(own ?? { index: x.index, reason: `the grids of this community do not tile it: ${r.reason}` });
        }
      }
    }
    rejected.sort((a, b) => a.index - b.index);
    return { inserted: ids.length, ids, rejected };
  });
}
