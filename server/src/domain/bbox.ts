/** Bounding boxes as clients send them: "minLon,minLat,maxLon,maxLat" in WGS 84. */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export type BBoxResult = { ok: true; bbox: BBox } | { ok: false; reason: string };

export function parseBBox(text: string): BBoxResult {
  const parts = text.split(',');
  if (parts.length !== 4) return { ok: false, reason: `bbox needs 4 comma-separated numbers, got ${parts.length}` };
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (nums.some((n) => !Number.isFinite(n))) return { ok: false, reason: 'bbox values must be finite numbers' };
  const [minLon, minLat, maxLon, maxLat] = nums as BBox;
  if (minLon < -180 || maxLon > 180) return { ok: false, reason: 'bbox longitudes must lie within -180..180' };
  if (minLat < -90 || maxLat > 90) return { ok: false, reason: 'bbox latitudes must lie within -90..90' };
  if (minLon >= maxLon || minLat >= maxLat) return { ok: false, reason: 'bbox min values must be below max values' };
  return { ok: true, bbox: [minLon, minLat, maxLon, maxLat] };
}
