/**
 * The staging table ogr2ogr wrote: what it holds, where it lies, and the web-map offsets undone.
 * GCJ-02 and BD-09 are not datums PROJ knows (they are deliberate obfuscations), so their
 * vertices are converted here with gcoord, the field's maintained implementation.
 */
import gcoord from 'gcoord';
import type pg from 'pg';
import type { Extent } from '../domain/import-crs.ts';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `import_staging.s…` as a quoted identifier. */
export function stagingRef(table: string): string {
  const [schema, name] = table.split('.');
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export async function stagingColumns(db: pg.ClientBase, table: string): Promise<{ columns: string[]; geom: boolean }> {
  const [schema, name] = table.split('.');
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, name],
  );
  const all = rows.map((r) => r.column_name);
  return { columns: all.filter((c) => c !== 'ogc_fid' && c !== 'geom'), geom: all.includes('geom') };
}

export async function stagingStats(
  db: pg.ClientBase,
  table: string,
  geom: boolean,
): Promise<{ rows: number; extent: Extent | null; points: number; areas: number; lines: number }> {
  const ref = stagingRef(table);
  const { rows } = await db.query(
    geom
      ? `SELECT rows, ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy, points, areas, lines
         FROM (SELECT count(*)::int AS rows, ST_Extent(geom)::geometry AS e,
                      count(*) FILTER (WHERE ST_Dimension(geom) = 0)::int AS points,
                      count(*) FILTER (WHERE ST_Dimension(geom) = 2)::int AS areas,
                      count(*) FILTER (WHERE ST_Dimension(geom) = 1)::int AS lines
               FROM ${ref}) x`
      : `SELECT count(*)::int AS rows, NULL AS minx, 0 AS points, 0 AS areas, 0 AS lines FROM ${ref}`,
  );
  const r = rows[0];
  return {
    rows: Number(r.rows),
    extent: r.minx === null ? null : { minX: r.minx, minY: r.miny, maxX: r.maxx, maxY: r.maxy },
    points: r.points,
    areas: r.areas,
    lines: r.lines,
  };
}

/** Up to `n` values of the text columns, to look for mojibake. */
export async function sampleText(db: pg.ClientBase, table: string, columns: string[], n = 200): Promise<string[]> {
  if (!columns.length) return [];
  const { rows } = await db.query<{ v: string }>(
    `SELECT v FROM (SELECT unnest(ARRAY[${columns.map((c) => `${quoteIdent(c)}::text`).join(', ')}]) AS v
                    FROM ${stagingRef(table)} LIMIT $1) s WHERE v ~ '[^\\x01-\\x7f]'`,
    [n],
  );
  return rows.map((r) => r.v);
}

type Pos = number[];
const mapCoords = (c: unknown, f: (p: Pos) => Pos): unknown =>
  typeof (c as unknown[])[0] === 'number' ? f(c as Pos) : (c as unknown[]).map((x) => mapCoords(x, f));

const OFFSETS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Rewrites the staged geometries from GCJ-02 or BD-09 to WGS 84, in batches. */
export async function undoWebOffset(db: pg.ClientBase, table: string, from: 'gcj02' | 'bd09'): Promise<void> {
  const ref = stagingRef(table);
  const crs = OFFSETS[from];
  const f = (p: Pos) => gcoord.transform([p[0], p[1]] as [number, number], crs, gcoord.WGS84) as Pos;
  for (let after = 0; ;) {
    const { rows } = await db.query<{ id: number; g: string }>(
      `SELECT ogc_fid AS id, ST_AsGeoJSON(geom, 15) AS g FROM ${ref}
       WHERE ogc_fid > $1 AND geom IS NOT NULL ORDER BY ogc_fid LIMIT 20000`,
      [after],
    );
    if (!rows.length) break;
    const ids: number[] = [];
    const geoms: string[] = [];
    for (const r of rows) {
      const g = JSON.parse(r.g) as { type: string; coordinates?: unknown; geometries?: { coordinates: unknown }[] };
      if (g.coordinates) g.coordinates = mapCoords(g.coordinates, f);
      for (const part of g.geometries ?? []) part.coordinates = mapCoords(part.coordinates, f);
      ids.push(r.id);
      geoms.push(JSON.stringify(g));
    }
    await db.query(
      `UPDATE ${ref} s SET geom = ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)
       FROM unnest($1::int[], $2::text[]) AS x(id, g) WHERE s.ogc_fid = x.id`,
      [ids, geoms],
    );
    after = ids[ids.length - 1];
  }
}

/**
 * Where the layer lies against the city already in the database: the share of rows inside its
 * districts, and how far a sample of vertices sits from the city's own lines (roads, area
 * edges) as read and with each web-map offset undone. Null when the city has nothing to compare.
 */
export async function placement(
  db: pg.ClientBase,
  table: string,
): Promise<{
  inCity: number | null;
  cityLon: number | null;
  fit: { asRead: number; gcj02: number; bd09: number } | null;
}> {
  const ref = stagingRef(table);
  const {
    rows: [city],
  } = await db.query<{ has: boolean; lon: number | null }>(
    `SELECT EXISTS (SELECT 1 FROM districts) AS has, (SELECT ST_X(ST_Centroid(ST_Extent(geom)::geometry)) FROM districts) AS lon`,
  );
  if (!city.has) return { inCity: null, cityLon: null, fit: null };
  const {
    rows: [share],
  } = await db.query<{ inside: number }>(
    `SELECT avg((EXISTS (SELECT 1 FROM districts d WHERE ST_Intersects(d.geom, ST_PointOnSurface(s.geom))))::int)::float8 AS inside
     FROM (SELECT geom FROM ${ref} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) ORDER BY ogc_fid LIMIT 500) s`,
  );
  const { rows: pts } = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (
       SELECT (ST_DumpPoints(geom)).geom AS p FROM ${ref} WHERE geom IS NOT NULL ORDER BY ogc_fid LIMIT 200) v
     WHERE ST_X(p) BETWEEN -180 AND 180 AND ST_Y(p) BETWEEN -90 AND 90 LIMIT 200`,
  );
  let fit = null;
  if (pts.length >= 5) {
    const as = (crs: typeof gcoord.GCJ02 | typeof gcoord.BD09 | null) =>
      pts.map((p) => (crs ? gcoord.transform([p.x, p.y], crs, gcoord.WGS84) : [p.x, p.y]));
    const median = async (list: number[][]) => {
      const { rows } = await db.query<{ m: number | null }>(sql_fit, [list.map((p) => p[0]), list.map((p) => p[1])]);
      return rows[0].m ?? Infinity;
    };
    fit = {
      asRead: await median(as(null)),
      gcj02: await median(as(gcoord.GCJ02)),
      bd09: await median(as(gcoord.BD09)),
    };
    if (!Number.isFinite(fit.asRead)) fit = null;
  }
  return { inCity: share.inside, cityLon: city.lon, fit };
}

// Distance from each point to the nearest road or grid edge (KNN on the indexes), then the median.
const sql_fit = `
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS m FROM (
    SELECT least(
      (SELECT ST_Distance(r.geom::geography, p::geography) FROM roads r ORDER BY r.geom <-> p LIMIT 1),
      (SELECT ST_Distance(ST_Boundary(g.geom)::geography, p::geography) FROM grids g ORDER BY g.geom <-> p LIMIT 1)
    ) AS d
    FROM unnest($1::float8[], $2::float8[]) AS u(x, y), LATERAL (SELECT ST_SetSRID(ST_MakePoint(x, y), 4326) AS p) q
  ) s`;

export async function dropStaging(db: pg.ClientBase, table: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${stagingRef(table)}`);
}
