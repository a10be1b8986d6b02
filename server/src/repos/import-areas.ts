/**
 * The hierarchy of areas (district → street office → community → grid) as an import keeps it:
 * each area in its parent (by the parent's code, or where it lies), no two siblings overlapping,
 * the children of a parent covering it. Slivers narrower than the snap tolerance — the blemishes
 * of any two files drawn apart — are closed (trimmed, or given to the neighbour with the longest
 * shared edge) and said so; anything wider is refused and drawn.
 */
import type pg from 'pg';
import type { ProblemPlace, Repair } from '../contract/imports.ts';
import type { RowLayer } from './import-rows.ts';
import { LAYER_TABLES } from './import-tables.ts';

const M_PER_DEG = 111_320;

/** Each row's parent, by code or by where it lies; then clipped to it, trimming slivers. */
export async function placeInParent(db: pg.ClientBase, layer: RowLayer, snapM: number): Promise<void> {
  const t = LAYER_TABLES[layer];
  const p = t.parent;
  if (!p) return;
  await db.query(
    `UPDATE imp i SET parent_id = p.id FROM ${p.table} p WHERE p.code = i.v->>'${p.field}' AND i.reject IS NULL`,
  );
  await db.query(
    `UPDATE imp i SET reject = '${p.label} ' || (i.v->>'${p.field}') || ' does not exist'
     WHERE i.reject IS NULL AND i.parent_id IS NULL AND i.v->>'${p.field}' IS NOT NULL`,
  );
  await db.query(
    `UPDATE imp i SET parent_id = (SELECT p.id FROM ${p.table} p WHERE p.geom && i.g
                                   ORDER BY gb_area_m2(ST_Intersection(p.geom, i.g)) DESC LIMIT 1)
     WHERE i.reject IS NULL AND i.parent_id IS NULL`,
  );
  await db.query(
    `UPDATE imp SET reject = 'lies in no ${p.label}: import the ${p.label} layer first, or name it in ${p.field}'
     WHERE reject IS NULL AND parent_id IS NULL`,
  );
  await db.query(
    `WITH s AS (
       SELECT i.idx, ST_Snap(i.g, ST_Boundary(p.geom), $1) AS g, p.geom AS pg, p.code AS pcode
       FROM imp i JOIN ${p.table} p ON p.id = i.parent_id WHERE i.reject IS NULL),
     o AS (SELECT s.*, gb_clean(ST_Difference(s.g, s.pg), 0.01) AS out FROM s),
     w AS (SELECT o.*, gb_area_m2(out) AS a, 2 * gb_area_m2(out) / nullif(ST_Perimeter(out::geography), 0) AS width FROM o)
     UPDATE imp i SET
       reject = CASE WHEN w.a > 1 AND w.width >= $2 THEN
         'reaches ' || round(w.a::numeric) || ' m² outside ${p.label} ' || w.pcode END,
       problem = CASE WHEN w.a > 1 AND w.width >= $2 THEN w.out END,
       g = CASE WHEN w.a > 0 THEN gb_clean(ST_Intersection(w.g, w.pg)) ELSE ST_Multi(w.g) END,
       fixes = i.fixes || CASE WHEN w.a > 0.5 AND w.width < $2 THEN
         ARRAY['trimmed ' || round(w.a::numeric, 1) || ' m² beyond ${p.label} ' || w.pcode || ' (a sliver under ' || $2 || ' m)']
         ELSE '{}'::text[] END
     FROM w WHERE w.idx = i.idx`,
    [snapM / M_PER_DEG, snapM],
  );
}

/**
 * No two siblings overlap: against the areas already stored (except those this file replaces)
 * and the file's earlier rows. Slivers are trimmed from the later row; real overlaps refuse it.
 */
export async function checkOverlaps(db: pg.ClientBase, layer: RowLayer, snapM: number): Promise<void> {
  const t = LAYER_TABLES[layer];
  // A grids file replaces the grids of every community it names.
  const replaced =
    layer === 'grids'
      ? `x.community_id IN (SELECT parent_id FROM imp WHERE reject IS NULL)`
      : `EXISTS (SELECT 1 FROM imp k WHERE k.code = x.code AND k.reject IS NULL)`;
  await db.query(
    `WITH sib AS (
       SELECT i.idx, x.code AS other, ST_Intersection(i.g, x.geom) AS ov
       FROM imp i JOIN ${t.table} x ON x.geom && i.g AND x.code <> i.code AND NOT (${replaced})
       WHERE i.reject IS NULL AND ST_Relate(i.g, x.geom, '2********')
       UNION ALL
       SELECT i.idx, k.code, ST_Intersection(i.g, k.g)
       FROM imp i JOIN imp k ON k.g && i.g AND k.idx < i.idx AND k.reject IS NULL
       WHERE i.reject IS NULL AND ST_Relate(i.g, k.g, '2********')),
     m AS (SELECT idx, other, ov, gb_area_m2(ov) AS a,
                  2 * gb_area_m2(ov) / nullif(ST_Perimeter(ST_CollectionExtract(ov, 3)::geography), 0) AS width FROM sib),
     agg AS (
       SELECT idx,
         string_agg('overlaps ' || other || ' by ' || round(a::numeric, 1) || ' m²', '; ') FILTER (WHERE a > 1 AND width >= $1) AS bad,
         ST_Union(ST_CollectionExtract(ov, 3)) FILTER (WHERE a > 1 AND width >= $1) AS drawn,
         ST_Union(ST_CollectionExtract(ov, 3)) FILTER (WHERE NOT (a > 1 AND width >= $1)) AS thin,
         string_agg(other, ', ') FILTER (WHERE NOT (a > 1 AND width >= $1) AND a > 0.5) AS thin_of,
         sum(a) FILTER (WHERE NOT (a > 1 AND width >= $1)) AS thin_m2
       FROM m GROUP BY idx)
     UPDATE imp i SET
       reject = agg.bad,
       problem = agg.drawn,
       g = CASE WHEN agg.bad IS NULL AND agg.thin IS NOT NULL THEN gb_clean(ST_Difference(i.g, agg.thin)) ELSE i.g END,
       fixes = i.fixes || CASE WHEN agg.bad IS NULL AND agg.thin_of IS NOT NULL THEN
         ARRAY['trimmed ' || round(agg.thin_m2::numeric, 1) || ' m² overlapping ' || agg.thin_of || ' (a sliver under ' || $1 || ' m)']
         ELSE '{}'::text[] END
     FROM agg WHERE agg.idx = i.idx`,
    [snapM],
  );
}

/**
 * After the merge: the children of every parent the file touched cover it. A gap narrower than
 * the tolerance goes to the child it shares the longest edge with; a wider one is a problem.
 */
export async function closeGaps(
  db: pg.ClientBase,
  layer: RowLayer,
  snapM: number,
): Promise<{ repaired: Repair[]; problems: ProblemPlace[] }> {
  const t = LAYER_TABLES[layer];
  const p = t.parent;
  if (!p) return { repaired: [], problems: [] };
  const { rows: gaps } = await db.query<{ pid: number; pcode: string; g: string; a: number; width: number }>(
    `WITH par AS (SELECT DISTINCT parent_id AS id FROM imp WHERE reject IS NULL),
     gap AS (
       SELECT pt.id AS pid, pt.code AS pcode,
              (ST_Dump(gb_clean(ST_Difference(pt.geom, (SELECT ST_Union(c.geom) FROM ${t.table} c WHERE c.${p.column} = pt.id)), 0.01))).geom AS g
       FROM par JOIN ${p.table} pt ON pt.id = par.id)
     SELECT pid, pcode, ST_AsEWKT(g) AS g, gb_area_m2(g) AS a,
            2 * gb_area_m2(g) / nullif(ST_Perimeter(g::geography), 0) AS width
     FROM gap WHERE gb_area_m2(g) > 0.01`,
  );
  const repaired: Repair[] = [];
  const problems: ProblemPlace[] = [];
  for (const gap of gaps) {
    if (gap.a > 1 && gap.width >= snapM) {
      const { rows } = await db.query<{ geometry: unknown }>(`SELECT ST_AsGeoJSON($1::geometry, 7)::json AS geometry`, [
        gap.g,
      ]);
      problems.push({
        code: gap.pcode,
        problem: `leaves ${Math.round(gap.a)} m² of ${p.label} ${gap.pcode} without any of its ${layer}`,
        geometry: rows[0].geometry,
      });
      continue;
    }
    const { rows } = await db.query<{ code: string; idx: number | null }>(
      `WITH n AS (
         SELECT c.id, c.code FROM ${t.table} c WHERE c.${p.column} = $1 AND c.geom && ST_Expand($2::geometry, 1e-5)
         ORDER BY ST_Length(ST_Intersection(ST_Boundary(c.geom), ST_Buffer($2::geometry, 1e-7))) DESC LIMIT 1),
       u AS (UPDATE ${t.table} c SET geom = ST_Multi(gb_clean(ST_Union(c.geom, $2::geometry))) FROM n WHERE c.id = n.id)
       SELECT n.code, (SELECT idx FROM imp WHERE imp.code = n.code) AS idx FROM n`,
      [gap.pid, gap.g],
    );
    if (rows[0] && gap.a > 0.5)
      repaired.push({
        index: rows[0].idx ?? -1,
        code: rows[0].code,
        what: `took in a ${gap.a.toFixed(1)} m² gap of ${p.label} ${gap.pcode} (a sliver under ${snapM} m)`,
      });
  }
  return { repaired, problems };
}

/** Rows refused for where they lie, as places to draw. */
export async function rejectedPlaces(db: pg.ClientBase): Promise<ProblemPlace[]> {
  const { rows } = await db.query<ProblemPlace>(
    `SELECT code, reject AS problem, ST_AsGeoJSON(problem, 7)::json AS geometry FROM imp
     WHERE reject IS NOT NULL AND problem IS NOT NULL ORDER BY idx LIMIT 500`,
  );
  return rows;
}
