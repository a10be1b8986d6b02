/**
 * The basemap import's SQL: what osm2pgsql staged (import_staging.<prefix>_roads, _water,
 * _landuse, _buildings; see db/osm/basemap.lua) checked, made valid and merged into roads,
 * water and land use in one transaction, with the street graph rebuilt in it; and the staging
 * tables dropped afterwards, whatever happened.
 */
import type pg from 'pg';
import { sql } from '../sql/index.ts';

/** The layers the style stages (buildings are counted only). */
export const STAGING_PARTS = ['roads', 'water', 'landuse', 'buildings'] as const;
type Part = (typeof STAGING_PARTS)[number];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A run's prefix: what the Lua style accepts, so that it can go into an identifier safely. */
export const PREFIX_PATTERN = /^[a-z][a-z0-9_]*$/;

function stagingTable(prefix: string, part: Part): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`bad staging prefix ${JSON.stringify(prefix)}`);
  return `${quoteIdent('import_staging')}.${quoteIdent(`${prefix}_${part}`)}`;
}

/** One of sql/basemap/*.sql with its staging table put in (an identifier cannot be a parameter). */
const withStaging = (name: string, prefix: string, part: Part) =>
  sql(`basemap/${name}`).replaceAll('__STAGING__', stagingTable(prefix, part));

export interface StagedCounts {
  roads: number;
  water: number;
  landuse: number;
  buildings: number;
}

/** How many objects osm2pgsql staged per part (0 for a part whose table is missing). */
export async function stagedCounts(db: pg.ClientBase, prefix: string): Promise<StagedCounts> {
  const counts = { roads: 0, water: 0, landuse: 0, buildings: 0 };
  for (const part of STAGING_PARTS) {
    const {
      rows: [{ exists }],
    } = await db.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
      stagingTable(prefix, part),
    ]);
    if (!exists) continue;
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${stagingTable(prefix, part)}`);
    counts[part] = rows[0].n;
  }
  return counts;
}

export async function dropStaging(db: pg.ClientBase, prefix: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${STAGING_PARTS.map((p) => stagingTable(prefix, p)).join(', ')}`);
}

export interface LayerCounts {
  inserted: number;
  removed: number;
  unchanged: number;
}

export interface Note {
  layer: 'roads' | 'water' | 'landuse';
  index: number;
  code: string;
  /** Set when the object was refused; null when it was only made valid. */
  reason: string | null;
  repaired: boolean;
}

export interface MergeResult {
  roads: LayerCounts;
  water: LayerCounts;
  landuse: LayerCounts;
  /** Road rows after cutting the ways at their junctions. */
  roadSegments: number;
  notes: Note[];
  /** Vertices of the rebuilt street graph; null when the roads did not change and it was kept. */
  graphVertices: number | null;
  seconds: { clean: number; replace: number; graph: number };
}

/**
 * Merges the staged basemap in one transaction: BEGIN, check and repair, replace, rebuild the
 * street graph, then COMMIT — or ROLLBACK on any error, and always for a dry run (the counts are
 * then what the import would do). `client` must not be inside a transaction.
 */
export async function mergeBasemap(
  client: pg.ClientBase,
  prefix: string,
  opts: { dryRun: boolean },
): Promise<MergeResult> {
  const t0 = performance.now();
  await client.query('BEGIN');
  try {
    // Two imports of the basemap take turns; tiles and routes go on reading the old rows until
    // COMMIT. SHARE ROW EXCLUSIVE conflicts with itself and with writers, not with readers.
    await client.query('LOCK TABLE roads, water, landuse, street_vertices IN SHARE ROW EXCLUSIVE MODE');
    await client.query(withStaging('clean-roads', prefix, 'roads'));
    await client.query(withStaging('clean-water', prefix, 'water'));
    await client.query(withStaging('clean-landuse', prefix, 'landuse'));
    await client.query(sql('basemap/split-roads'));
    const { rows: notes } = await client.query<Note>(sql('basemap/notes'));
    const {
      rows: [{ n: roadSegments }],
    } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bm_roads');
    const t1 = performance.now();
    const one = async (name: string) => (await client.query<LayerCounts>(sql(`basemap/${name}`))).rows[0];
    const roads = await one('replace-roads');
    const water = await one('replace-water');
    const landuse = await one('replace-landuse');
    const t2 = performance.now();
    // The graph is numbered from the roads' end points; unchanged roads leave it as it is.
    let graphVertices: number | null = null;
    if (roads.inserted || roads.removed) {
      const { rows } = await client.query<{ n: number }>('SELECT build_street_graph() AS n');
      graphVertices = rows[0].n;
    }
    const t3 = performance.now();
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    const s = (a: number, b: number) => Math.round(b - a) / 1000;
    return {
      roads,
      water,
      landuse,
      roadSegments,
      notes: notes.map((n) => ({ ...n, index: Number(n.index) })),
      graphVertices,
      seconds: { clean: s(t0, t1), replace: s(t1, t2), graph: s(t2, t3) },
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
