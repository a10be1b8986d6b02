/** Incidents: reads for the map and lists. */
import type pg from 'pg';
import type { BBox } from '../domain/bbox.ts';
import { sql } from '../sql/index.ts';

export interface IncidentFilter {
  since: Date;
  until: Date;
  status: string | null;
  grade: string | null;
  category: string | null;
  gridId: number | null;
}

export async function listIncidentsGeoJson(db: pg.Pool, bbox: BBox, limit: number, f: IncidentFilter): Promise<string> {
  const { rows } = await db.query<{ body: string }>(sql('features/incidents'), [
    ...bbox,
    limit,
    f.since,
    f.until,
    f.status,
    f.grade,
    f.category,
    f.gridId,
  ]);
  return rows[0].body;
}
