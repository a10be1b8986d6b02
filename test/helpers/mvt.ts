/** Decodes an MVT tile the way MapLibre does, for asserting on what a map would draw. */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export function decodeTile(body: Buffer | Uint8Array) {
  return new VectorTile(new PbfReader(body));
}

export function layerFeatures(body: Buffer | Uint8Array, layer: string) {
  const tile = decodeTile(body);
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => l.feature(i));
}

/** Tile x/y containing a lon/lat at zoom z (XYZ scheme). */
export function tileFor(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
}
