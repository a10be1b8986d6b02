/** A point as query strings carry it: "lon,lat" in WGS 84. */
export type LonLatResult = { ok: true; point: [lon: number, lat: number] } | { ok: false; reason: string };

/** Parses "lon,lat"; a malformed or out-of-range one gives the reason instead of NaN. */
export function parseLonLat(name: string, text: string): LonLatResult {
  const parts = text.split(',');
  if (parts.length !== 2) return { ok: false, reason: `${name} must be lon,lat: two comma-separated numbers` };
  const [lon, lat] = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN)) as [number, number];
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return { ok: false, reason: `${name} values must be decimal numbers` };
  if (lon < -180 || lon > 180) return { ok: false, reason: `${name} longitude must lie within -180..180` };
  if (lat < -90 || lat > 90) return { ok: false, reason: `${name} latitude must lie within -90..90` };
  return { ok: true, point: [lon, lat] };
}
