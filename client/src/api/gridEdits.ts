/**
 * Typed calls of the grid editor (`/edit`): a community's grids, blocks and history, the edits
 * themselves (previewed or saved), imports and the editor's downloads. Types come from the
 * server's contract (`import type` only: erased at build).
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type {
  BlockFeature,
  CommunityBlocks,
  CommunityGrids,
  EditResult,
  GridBalance,
  GridBalanceFeature,
  GridBalanceProps,
  GridSnapshot,
  HistoryEntry,
  HistoryResponse,
  ImportResult,
  VersionStateResponse,
} from '../../../server/src/contract/grid-edits.ts';
import { communitiesOf, fetchAreas, type Area } from './areas';
import { request, requestBlob } from './http';

export type { BlockFeature, CommunityBlocks, CommunityGrids, EditResult, GridSnapshot, HistoryEntry, ImportResult };
export type Balance = GridBalance;
export type GridProps = GridBalanceProps;
export type GridFeature = GridBalanceFeature;

/** The communities a planner can pick, by code. */
export function fetchCommunities(signal?: AbortSignal): Promise<Area[]> {
  return fetchAreas(signal).then((r) => communitiesOf(r.areas, 'code'));
}

export function fetchCommunityGrids(
  id: number,
  target: number | undefined,
  band: number,
  signal?: AbortSignal,
): Promise<CommunityGrids> {
  return request<CommunityGrids>(`/api/communities/${id}/grids`, { query: { target, band }, signal });
}

export function fetchBlocks(id: number, signal?: AbortSignal): Promise<CommunityBlocks> {
  return request<CommunityBlocks>(`/api/communities/${id}/blocks`, { signal });
}

export function fetchHistory(id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return request<HistoryResponse>(`/api/communities/${id}/history`, { query: { limit: 200 }, signal }).then(
    (r) => r.versions,
  );
}

export function fetchVersionState(id: number, version: number, side: 'before' | 'after'): Promise<GridSnapshot[]> {
  return request<VersionStateResponse>(`/api/communities/${id}/versions/${version}`, { query: { side } }).then(
    (r) => r.grids,
  );
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
      return request(`/api/grids/${e.grid}/split`, {
        method: 'POST',
        body: { line: e.line, version: e.version, ...common },
      });
    case 'merge':
      return request('/api/grids/merge', { method: 'POST', body: { ids: e.ids, versions: e.versions, ...common } });
    case 'move':
      return request(`/api/grids/${e.grid}`, {
        method: 'PUT',
        body: { geometry: e.geometry, version: e.version, ...common },
      });
    case 'reassign':
      return request(`/api/grids/${e.grid}/blocks`, {
        method: 'POST',
        body: { blocks: e.blocks, version: e.version, ...common },
      });
    case 'partition':
      return request(`/api/communities/${e.community}/partition`, {
        method: 'POST',
        body: { target: e.target, based_on: e.basedOn, ...common },
      });
    case 'restore':
      return request(`/api/communities/${e.community}/restore`, {
        method: 'POST',
        body: { version: e.version, side: e.side, based_on: e.basedOn, ...common },
      });
  }
}

export function importLayer(layer: 'communities' | 'grids', fc: unknown): Promise<ImportResult> {
  return request<ImportResult>(`/api/import/${layer}`, { method: 'POST', body: fc });
}

/** Downloads the community's grids as GeoJSON (importable again), as the browser's own download. */
export async function downloadCommunityGeoJson(community: { id: number; code: string }): Promise<void> {
  saveBlob(await requestBlob(`/api/communities/${community.id}/export`), `${community.code}-grids.geojson`);
}

/** Downloads a grid's printable map (A4 PDF). */
export async function downloadGridPrint(grid: { id: number; code: string }): Promise<void> {
  saveBlob(await requestBlob(`/api/grids/${grid.id}/print.pdf`), `grid-${grid.code}.pdf`);
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
