/**
 * Which built files the field app's service worker precaches: the `/m` page, everything its entry
 * imports (JS, CSS, the MapLibre worker and other assets, followed through Vite's build
 * manifest); vite-plugin-pwa adds the web manifest and its icons itself. The console, the wall and their large chunks
 * (deck.gl) are left out: a phone on a slow line installs only what it runs.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

/** The files (relative to the build directory) reachable from `entry` in a Vite build manifest. */
export function filesOfEntry(manifest: Record<string, ManifestChunk>, entry: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit(entry);
  return files;
}

interface PrecacheEntry {
  url: string;
  revision: string | null;
  size: number;
}

/** A Workbox `manifestTransforms` step keeping the field app's files only. */
export function fieldPrecache(outDir: string, entry = 'm/index.html') {
  return async (entries: PrecacheEntry[]) => {
    const manifestPath = path.join(outDir, '.vite', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
    const keep = filesOfEntry(manifest, entry);
    keep.add(entry);
    return { manifest: entries.filter((e) => keep.has(e.url)), warnings: [] as string[] };
  };
}
