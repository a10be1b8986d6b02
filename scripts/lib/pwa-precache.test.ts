import { describe, expect, it } from 'vitest';
import { filesOfEntry } from './pwa-precache.ts';

describe('what the field app precaches', () => {
  it('follows the /m entry through its imports, CSS and assets, and leaves the console out', () => {
    const manifest = {
      'm/index.html': { file: 'assets/field-1.js', imports: ['_maplibre'], css: ['assets/field-1.css'] },
      _maplibre: { file: 'assets/maplibre-2.js', assets: ['assets/worker-3.mjs'], imports: ['m/index.html'] },
      'index.html': { file: 'assets/main-4.js', imports: ['_maplibre', '_deck'] },
      _deck: { file: 'assets/deck-5.js' },
    };
    expect([...filesOfEntry(manifest, 'm/index.html')].sort()).toEqual([
      'assets/field-1.css',
      'assets/field-1.js',
      'assets/maplibre-2.js',
      'assets/worker-3.mjs',
    ]);
  });
});
