/**
 * Vector tiles from PostGIS (ST_AsMVT). Each layer is a named query in sql/tiles; the basemap
 * is the byte concatenation of its layers' tiles, which is itself a valid MVT tile.
 */
import type pg from 'pg';
import { sql } from '../sql/index.ts';
import { tileSizeMeters } from '../domain/tiles.ts';

interface LayerDef {
  /** Named query taking $1 z, $2 x, $3 y. */
  query: () => string;
  /** Below this zoom, features are counted per cell by `clusterQuery` ($4 = cell size in metres). */
  clusterBelow?: number;
  clusterQuery?: () => string;
  /** How long a cached tile stays fresh. */
  ttlMs: number;
}

const STATIC = 3600_000;

const basemapParts = ['landuse', 'water', 'roads', 'buildings'] as const;

export const TILE_LAYERS: Record<string, LayerDef> = {
  grids: { query: () => sql('tiles/grids'), ttlMs: 30_000 },
  incidents: {
    query: () => sql('tiles/incidents'),
    clusterBelow: 13,
    clusterQuery: () => sql('tiles/incidents_clusters'),
    ttlMs: 5_000,
  },
  cameras: {
    query: () => sql('tiles/cameras'),
    clusterBelow: 14,
    clusterQuery: () => sql('tiles/cameras_clusters'),
    ttlMs: 60_000,
  },
  keyplaces: { query: () => sql('tiles/keyplaces'), ttlMs: STATIC },
  roads: { query: () => sql('tiles/roads'), ttlMs: STATIC },
  water: { query: () => sql('tiles/water'), ttlMs: STATIC },
  landuse: { query: () => sql('tiles/landuse'), ttlMs: STATIC },
  buildings: { query: () => sql('tiles/buildings'), ttlMs: STATIC },
  basemap: {
    // One request for the whole basemap: SELECT (roads tile) || (water tile) || …
    query: () => `SELECT ${basemapParts.map((p) => `coalesce((${sql(`tiles/${p}`)}), ''::bytea)`).join(' || ')}`,
    ttlMs: STATIC,
  },
};

export const TILE_LAYER_NAMES = Object.keys(TILE_LAYERS);
// Looked up by a name from the URL: a Map, so "constructor" or "__proto__" is no layer.
const LAYER_BY_NAME = new Map(Object.entries(TILE_LAYERS));

/** The layer called `name`, or undefined for any other text. */
export function tileLayer(name: string): LayerDef | undefined {
  return LAYER_BY_NAME.get(name);
}

/** The SQL and parameters that build one tile (exported so the benchmark can time the same SQL). */
export function tileQuery(
  layer: string,
  z: number,
  x: number,
  y: number,
): { name: string; text: string; values: number[] } | null {
  const def = tileLayer(layer);
  if (!def) return null;
  if (def.clusterBelow !== undefined && def.clusterQuery && z < def.clusterBelow) {
    return { name: `tile-${layer}-cells`, text: def.clusterQuery(), values: [z, x, y, tileSizeMeters(z) / 64] };
  }
  return { name: `tile-${layer}`, text: def.query(), values: [z, x, y] };
}

export function tileTtl(layer: string): number {
  return tileLayer(layer)?.ttlMs ?? 0;
}

export async function renderTile(db: pg.Pool, layer: string, z: number, x: number, y: number): Promise<Buffer> {
  const q = tileQuery(layer, z, x, y);
  if (!q) throw new Error(`unknown layer ${layer}`);
  // Named: each pooled connection parses and plans a layer's query once, then reuses it.
  const { rows } = await db.query({ name: q.name, text: q.text, values: q.values, rowMode: 'array' });
  return (rows[0]?.[0] as Buffer | null) ?? Buffer.alloc(0);
}
