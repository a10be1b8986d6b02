/** Web Mercator tile addressing (z/x/y, XYZ scheme as MapLibre and deck.gl request them). */
export const MAX_ZOOM = 22;

export function isValidTile(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > MAX_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

/** Side of a tile in Web Mercator metres at zoom z. */
export function tileSizeMeters(z: number): number {
  return (2 * Math.PI * 6378137) / 2 ** z;
}
