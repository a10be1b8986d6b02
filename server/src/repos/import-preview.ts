/**
 * The rows of an import as they would land, for the Data page's map before committing: at most
 * 5,000, simplified to a metre, each with its outcome (rejected, repaired, inserted, updated, unchanged).
 */
import type pg from 'pg';

export async function previewRows(db: pg.ClientBase, geometry: 'area' | 'point' | 'none'): Promise<unknown> {
  if (geometry === 'none') return { type: 'FeatureCollection', features: [] };
  const { rows } = await db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY idx), '[]'::json)) AS fc
     FROM (
       SELECT i.idx, json_build_object(
         'type', 'Feature',
         'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(coalesce(i.g, i.problem, i.g0), 0.00001), 6)::json,
         'properties', json_build_object(
           'index', i.idx, 'code', CASE WHEN i.code LIKE '~%' THEN NULL ELSE i.code END, 'name', i.v->>'name',
           'outcome', CASE WHEN i.reject IS NOT NULL THEN 'rejected' WHEN cardinality(i.fixes) > 0 THEN 'repaired'
                           ELSE coalesce(n.outcome, 'unchanged') END,
           'note', coalesce(i.reject, array_to_string(i.fixes, '; ')))) AS f
       FROM imp i LEFT JOIN imp_new n USING (idx)
       WHERE coalesce(i.g, i.problem, i.g0) IS NOT NULL
       ORDER BY i.reject IS NULL, cardinality(i.fixes) = 0, i.idx
       LIMIT 5000
     ) x`,
  );
  return rows[0].fc;
}
