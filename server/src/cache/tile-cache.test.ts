import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache.ts';

const buf = (s: string) => Buffer.from(s);

describe('TileCache', () => {
  it('loads once and serves hits with a stable etag', async () => {
    const cache = new TileCache();
    let loads = 0;
    const load = async () => (loads++, buf('tile'));
    const a = await cache.get('grids', '1/0/0', 10_000, load);
    const b = await cache.get('grids', '1/0/0', 10_000, load);
    expect(loads).toBe(1);
    expect(b.etag).toBe(a.etag);
    expect(cache.hits).toBe(1);
  });
  it('coalesces concurrent loads of one tile', async () => {
    const cache = new TileCache();
    let loads = 0;
    const load = () => new Promise<Buffer>((r) => setTimeout(() => (loads++, r(buf('x'))), 20));
    await Promise.all(Array.from({ length: 10 }, () => cache.get('grids', '2/1/1', 10_000, load)));
    expect(loads).toBe(1);
  });
  it('reloads after the ttl and after invalidation', async () => {
    const cache = new TileCache();
    let n = 0;
    const load = async () => buf(`v${++n}`);
    await cache.get('grids', 'k', 0, load);
    expect((await cache.get('grids', 'k', 10_000, load)).body.toString()).toBe('v2');
    cache.invalidate('grids');
    expect((await cache.get('grids', 'k', 10_000, load)).body.toString()).toBe('v3');
  });
  it('does not cache a load that raced an invalidation', async () => {
    const cache = new TileCache();
    let release!: () => void;
    const slow = () => new Promise<Buffer>((r) => (release = () => r(buf('stale'))));
    const pending = cache.get('grids', 'k', 10_000, slow);
    cache.invalidate('grids');
    release();
    await pending;
    expect((await cache.get('grids', 'k', 10_000, async () => buf('fresh'))).body.toString()).toBe('fresh');
  });
  it('evicts least recently used tiles beyond its byte budget', async () => {
    const cache = new TileCache(10);
    await cache.get('l', 'a', 10_000, async () => buf('aaaa'));
    await cache.get('l', 'b', 10_000, async () => buf('bbbb'));
    await cache.get('l', 'a', 10_000, async () => buf('never'));
    await cache.get('l', 'c', 10_000, async () => buf('cccc'));
    expect(cache.size.bytes).toBeLessThanOrEqual(10);
    expect((await cache.get('l', 'a', 10_000, async () => buf('reloaded'))).body.toString()).toBe('aaaa');
    expect((await cache.get('l', 'b', 10_000, async () => buf('reloaded'))).body.toString()).toBe('reloaded');
  });
});
