/**
 * Coordinate systems a Chinese city's files come in, and what a layer's extent says about a wrong
 * one: projected metres read as degrees (a Gauss–Krüger zone of CGCS2000), swapped axes, or the
 * GCJ-02 / BD-09 offsets of web maps. Pure: the caller measures, this names the likely cause.
 */

export type Crs = { kind: 'epsg'; srid: number } | { kind: 'gcj02' } | { kind: 'bd09' };

export class CrsError extends Error {}

/** `--crs`: EPSG:n (or a bare n), wgs84, cgcs2000, gcj02 (AMap, Tencent), bd09 (Baidu). */
export function parseCrs(raw: string): Crs {
  const v = raw.trim().toLowerCase();
  if (['gcj02', 'gcj-02', 'amap', 'tencent', 'gaode'].includes(v)) return { kind: 'gcj02' };
  if (['bd09', 'bd-09', 'baidu', 'bd09ll'].includes(v)) return { kind: 'bd09' };
  if (['wgs84', 'wgs-84', 'gps'].includes(v)) return { kind: 'epsg', srid: 4326 };
  if (['cgcs2000', 'cgcs-2000'].includes(v)) return { kind: 'epsg', srid: 4490 };
  const m = /^(?:epsg:)?(\d{4,6})$/.exec(v);
  if (m) return { kind: 'epsg', srid: Number(m[1]) };
  throw new CrsError(`unknown CRS "${raw}": use EPSG:n (e.g. EPSG:4490, EPSG:4527), wgs84, gcj02 or bd09`);
}

export function crsLabel(c: Crs): string {
  return c.kind === 'epsg' ? `EPSG:${c.srid}` : c.kind;
}

export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** CGCS2000 3° Gauss–Krüger: zones 25–45 with the zone number in the easting (EPSG:4513–4533), or CM 75°E–135°E without (4534–4554). */
export function gaussKrugerGuess(e: Extent, lonHint: number | null): string | null {
  const x = (e.minX + e.maxX) / 2;
  const y = (e.minY + e.maxY) / 2;
  if (y < 1_000_000 || y > 6_000_000) return null;
  const zone = Math.floor(x / 1_000_000);
  if (zone >= 25 && zone <= 45) return `EPSG:${4513 + zone - 25} (CGCS2000 3° Gauss–Krüger zone ${zone})`;
  if (x > 100_000 && x < 900_000) {
    if (lonHint === null) return 'a CGCS2000 3° Gauss–Krüger zone without zone number, EPSG:4534–4554';
    const cm = Math.round(lonHint / 3) * 3;
    if (cm >= 75 && cm <= 135)
      return `EPSG:${4534 + (cm - 75) / 3} (CGCS2000 3° Gauss–Krüger, central meridian ${cm}°E)`;
  }
  return null;
}

/**
 * Warnings about where a layer landed. `inCity` is the share of rows inside the city's districts
 * (null when the city has none yet); `fit` the median distance in metres to the city's own lines
 * (roads, area edges) as read, and after undoing each web-map offset.
 */
export function placementWarnings(a: {
  extent: Extent | null;
  declared: string;
  inCity: number | null;
  cityLon: number | null;
  fit?: { asRead: number; gcj02: number; bd09: number } | null;
}): string[] {
  const { extent: e } = a;
  if (!e) return [];
  const out: string[] = [];
  // Latitudes of China are 18–54°, longitudes 73–135°: a layer the other way round has swapped axes.
  const looksSwapped = e.minX >= 15 && e.maxX <= 55 && e.minY >= 70 && e.maxY <= 136;
  if (looksSwapped) {
    out.push('longitude and latitude look swapped (x holds 15–55, y 70–136): swap the columns, or the axes of the CRS');
    return out;
  }
  const degrees =
    Math.abs(e.minX) <= 180 && Math.abs(e.maxX) <= 180 && Math.abs(e.minY) <= 90 && Math.abs(e.maxY) <= 90;
  if (!degrees) {
    const gk = gaussKrugerGuess(e, a.cityLon);
    out.push(
      `coordinates up to ${Math.round(Math.max(Math.abs(e.maxX), Math.abs(e.maxY)))} are projected metres, not degrees` +
        (gk
          ? `; the likely CRS is ${gk} — import again with --crs ${gk.split(' ')[0]}`
          : '; name the CRS with --crs EPSG:n'),
    );
    return out;
  }
  if (a.inCity !== null && a.inCity < 0.5)
    out.push(
      `${Math.round((1 - a.inCity) * 100)}% of the rows lie outside the city's districts: check the CRS (declared ${a.declared})`,
    );
  // Undoing an offset that was never applied moves points hundreds of metres off the map; undoing
  // one that was puts them back on it. Dense streets keep any point near some road, so the test
  // is relative: the better reading must halve the distance and gain at least 15 m.
  const f = a.fit;
  if (f) {
    const best = f.bd09 <= f.gcj02 ? { name: 'bd09', d: f.bd09 } : { name: 'gcj02', d: f.gcj02 };
    if (best.d < f.asRead * 0.5 && f.asRead - best.d > 15) {
      const what = best.name === 'bd09' ? 'Baidu (BD-09)' : 'AMap/Tencent (GCJ-02)';
      out.push(
        `the rows sit ${Math.round(f.asRead)} m (median) from the city's own roads and edges, and ${Math.round(best.d)} m once read as ${best.name}: they look like ${what} coordinates declared as ${a.declared} — import again with --crs ${best.name}`,
      );
    }
  }
  return out;
}

/**
 * Text that is GBK/GB18030 read as UTF-8 or Latin-1: replacement characters, or Latin-1
 * letters where a Chinese register would have Chinese (e.g. "½ÖµÀ" for 街道).
 */
export function looksMojibake(samples: readonly string[]): boolean {
  let bad = 0;
  let cjk = 0;
  for (const s of samples) {
    if (/\uFFFD|锟斤拷/.test(s)) bad++;
    else if (/[\u00C0-\u00FF][\u0080-\u00FF]/.test(s) && !/[\u4E00-\u9FFF]/.test(s)) bad++;
    if (/[\u4E00-\u9FFF]/.test(s)) cjk++;
  }
  return bad > 0 && bad >= cjk;
}
