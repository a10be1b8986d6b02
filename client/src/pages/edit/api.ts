/**
 * Typed calls of the grid editor (`/edit`). Types come from the server's contract (`import type`
 * only: erased at build).
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { EditResultT } from '../../../../server/src/contract/grid-edits.ts';
import { authHeaders, request } from '../../api/http';
import type { BBox } from '../../api/types';

export type EditResult = EditResultT;
export type GridSnapshot = EditResultT['after'][number];

/** `exempt`: a unit grid (an organisation's own premises), not sized by households. */
export type Balance = 'under' | 'ok' | 'over' | 'exempt';

export interface GridProps {
  id: number;
  code: string;
  name: string;
  type: string;
  version: number;
  updated_by: string;
  updated_at: string;
  households: number;
  population: number;
  worker_id: number | null;
  worker_name: string | null;
  buildings: number;
  key_places: number;
  cameras: number;
  open_incidents: number;
  blocks: number;
  area_m2: number;
  /** Null for unit grids, which the household standard does not apply to. */
  deviation: number | null;
  balance: Balance;
  parts: number;
  contiguous: boolean;
  allow_multipart: boolean;
  compactness: number;
}

export type GridFeature = Feature<Polygon | MultiPolygon, GridProps> & { id: number };

export interface CommunityGrids extends FeatureCollection<Polygon | MultiPolygon, GridProps> {
  features: GridFeature[];
  community: { id: number; code: string; name: string; name_zh: string; kind: 'urban' | 'rural'; bbox: BBox; geometry: MultiPolygon; latest_version: number | null };
  target: number;
  band: number;
}

export type BlockFeature = Feature<Polygon, { id: number; grid_id: number | null; households: number }> & { id: number };
export type Blocks = FeatureCollection<Polygon, BlockFeature['properties']> & { features: BlockFeature[] };

export interface HistoryEntry {
  id: number;
  op: string;
  actor: string;
  at: string;
  reason: string;
  grid_ids: number[];
  restored_from: number | null;
  before_counts: { id: string; code: string; households: number; population: number }[];
  after_counts: { id: string; code: string; households: number; population: number }[];
}

export interface CommunityRef { id: number; code: string; name: string; name_zh: string; bbox: BBox; parent_id: number | null }

export interface ImportOutcome { inserted: number; ids: number[]; rejected: { index: number; reason: string }[] }

export function fetchCommunities(signal?: AbortSignal): Promise<CommunityRef[]> {
  return request<{ areas: (CommunityRef & { level: string })[] }>('/api/areas', { signal })
    .then((r) => r.areas.filter((a) => a.level === 'community').sort((a, b) => a.code.localeCompare(b.code)));
}

export function fetchCommunityGrids(id: number, target: number | undefined, band: number, signal?: AbortSignal): Promise<CommunityGrids> {
  return request<CommunityGrids>(`/api/communities/${id}/grids`, { query: { target, band }, signal });
}

export function fetchBlocks(id: number, signal?: AbortSignal): Promise<Blocks> {
  return request<Blocks>(`/api/communities/${id}/blocks`, { signal });
}

export function fetchHistory(id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return request<{ versions: HistoryEntry[] }>(`/api/communities/${id}/history`, { query: { limit: 200 }, signal }).then((r) => r.versions);
}

export function fetchVersionState(id: number, version: number, side: 'before' | 'after'): Promise<GridSnapshot[]> {
  return request<{ grids: GridSnapshot[] }>(`/api/communities/${id}/versions/${version}`, { query: { side } }).then((r) => r.grids);
}

/** One edit as the editor builds it; `preview` runs it on the server and rolls back. */
export type Edit =
  | { kind: 'split'; grid: number; version: number; line: LineString }
  | { kind: 'merge'; ids: number[]; versions: number[] }
  | { kind: 'move'; grid: number; version: number; geometry: Polygon | MultiPolygon }
  | { kind: 'reassign'; grid: number; version: number; blocks: number[] }
  | { kind: 'partition'; community: number; target: number; basedOn: number | null }
  | { kind: 'restore'; community: number; version: number; side: 'before' | 'after'; basedOn: number | null };

export function runEdit(e: Edit, preview: boolean, reason?: string): Promise<EditResult> {
  const common = { preview, ...(reason ? { reason } : {}) };
  switch (e.kind) {
    case 'split':
      return request(`/api/grids/${e.grid}/split`, { method: 'POST', body: { line: e.line, version: e.version, ...common } });
    case 'merge':
      return request('/api/grids/merge', { method: 'POST', body: { ids: e.ids, versions: e.versions, ...common } });
    case 'move':
      return request(`/api/grids/${e.grid}`, { method: 'PUT', body: { geometry: e.geometry, version: e.version, ...common } });
    case 'reassign':
      return request(`/api/grids/${e.grid}/blocks`, { method: 'POST', body: { blocks: e.blocks, version: e.version, ...common } });
    case 'partition':
      return request(`/api/communities/${e.community}/partition`, { method: 'POST', body: { target: e.target, based_on: e.basedOn, ...common } });
    case 'restore':
      return request(`/api/communities/${e.community}/restore`, { method: 'POST', body: { version: e.version, side: e.side, based_on: e.basedOn, ...common } });
  }
}

export function importLayer(layer: 'communities' | 'grids', fc: unknown): Promise<ImportOutcome> {
  return request<ImportOutcome>(`/api/import/${layer}`, { method: 'POST', body: fc });
}

/** Downloads a file the server makes (with the bearer token), as the browser's own download. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(new URL(path, window.location.origin), { headers: authHeaders(), credentials: 'same-origin' });
  if (!res.ok) throw new Error(`Download failed (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
