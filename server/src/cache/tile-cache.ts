/**
 * An in-memory LRU of encoded tiles, bounded in bytes, with a time-to-live per entry and
 * single-flight loading: a wall of screens asking for the same tile at once costs one query.
 * Layers can be invalidated when their data changes (grid edits, camera changes).
 */
import { createHash } from 'node:crypto';

export interface CachedTile {
  body: Buffer;
  etag: string;
  expires: number;
}

export class TileCache {
  private entries = new Map<string, CachedTile>();
  private inflight = new Map<string, Promise<CachedTile>>();
  private bytes = 0;
  /** Bumped by invalidate(); a load that started before an invalidation is not cached. */
  private generation = new Map<string, number>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  async get(layer: string, key: string, ttlMs: number, load: () => Promise<Buffer>): Promise<CachedTile> {
    const fullKey = `${layer}/${key}`;
    const now = Date.now();
    const hit = this.entries.get(fullKey);
    if (hit && hit.expires > now) {
      // Refresh recency: Map keeps insertion order, so re-insert to mark as most recent.
      this.entries.delete(fullKey);
      this.entries.set(fullKey, hit);
      this.hits++;
      return hit;
    }
    const pending = this.inflight.get(fullKey);
    if (pending) return pending;
    this.misses++;
    const gen = this.generation.get(layer) ?? 0;
    const promise = load()
      .then((body) => {
        const tile: CachedTile = {
          body,
          etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
          expires: Date.now() + ttlMs,
        };
        if ((this.generation.get(layer) ?? 0) === gen) this.put(fullKey, tile);
        return tile;
      })
      .finally(() => this.inflight.delete(fullKey));
    this.inflight.set(fullKey, promise);
    return promise;
  }

  private put(key: string, tile: CachedTile) {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, tile);
    this.bytes += tile.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  /** Drops every cached tile of a layer (and of composites that contain it). */
  invalidate(layer: string) {
    this.generation.set(layer, (this.generation.get(layer) ?? 0) + 1);
    const prefix = `${layer}/`;
    for (const [k, v] of this.entries) {
      if (k.startsWith(prefix)) {
        this.entries.delete(k);
        this.bytes -= v.body.length;
      }
    }
  }

  /** Drops every cached tile (an import changed a layer of the city). */
  invalidateAll() {
    const layers = new Set([...this.entries.keys()].map((k) => k.split('/')[0]));
    for (const l of [...layers, ...this.generation.keys()]) this.invalidate(l);
  }

  get size() {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
