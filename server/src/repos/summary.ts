/** City-wide figures and the administrative tree. */
import type pg from 'pg';
import { sql } from '../sql/index.ts';

import type { Area } from '../contract/areas.ts';
import type { CityCounts } from '../contract/summary.ts';

export type { CityCounts };

export async function cityCounts(db: pg.Pool, timeZone: string): Promise<CityCounts> {
  const { rows } = await db.query<CityCounts>(sql('summary/city'), [timeZone]);
  return rows[0];
}

export async function cityExtent(db: pg.Pool) {
  const { rows } = await db.query<{
    min_lon: number;
    min_lat: number;
    max_lon: number;
    max_lat: number;
    lon: number;
    lat: number;
  }>(sql('summary/extent'));
  return rows[0] ?? null;
}

/** An area as the query returns it: the contract's `Area` with its extent in four columns. */
export interface AreaRow extends Omit<Area, 'bbox'> {
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

export async function listAreas(db: pg.Pool): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(sql('summary/areas'));
  return rows;
}

export async function postgisVersion(db: pg.Pool): Promise<string> {
  const { rows } = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
  return rows[0].v;
}
