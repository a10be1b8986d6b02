/** Place names of incidents from the area tree (`/api/areas`): district › street office › community. */
import type { Area } from '../api/incidents';
import type { Bilingual } from '../app/labels';

export interface AreaIndex {
  byKey: Map<string, Area>;
}

export function indexAreas(areas: readonly Area[]): AreaIndex {
  const byKey = new Map<string, Area>();
  for (const a of areas) byKey.set(`${a.level}:${a.id}`, a);
  return { byKey };
}

/** "Zhonglin Community" → "Zhonglin": the level is clear from context in dense rows. */
export function shortName(name: string): string {
  return name.replace(/\s+(Community|Village|Subdistrict|Town|Township|District|County)$/i, '');
}

export interface Place {
  /** Community (or the finest level known). */
  short: Bilingual;
  /** District › street office › community. */
  path: Bilingual;
}

export function placeOf(
  index: AreaIndex,
  i: { community_id: number | null; street_office_id: number | null; district_id: number | null },
): Place | null {
  const community = i.community_id !== null ? index.byKey.get(`community:${i.community_id}`) : undefined;
  const office = i.street_office_id !== null ? index.byKey.get(`street_office:${i.street_office_id}`) : undefined;
  const district = i.district_id !== null ? index.byKey.get(`district:${i.district_id}`) : undefined;
  const finest = community ?? office ?? district;
  if (!finest) return null;
  const chain = [district, office, community].filter((a): a is Area => a !== undefined);
  return {
    short: { en: shortName(finest.name), zh: finest.name_zh },
    path: { en: chain.map((a) => a.name).join(' › '), zh: chain.map((a) => a.name_zh).join(' › ') },
  };
}
