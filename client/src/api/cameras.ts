/**
 * Typed calls of the camera registry: read one camera, and commit a planned change (add, update,
 * remove), each answering what coverage it recomputed. Types come from the server's contract.
 */
import type {
  Camera,
  CameraDeleted,
  CameraResponse,
  CameraWritten,
  CoverageEffectT,
} from '../../../server/src/contract/cameras.ts';
import type { PlanChangeT } from '../../../server/src/contract/coverage.ts';
import { request } from './http';

export type { Camera, CoverageEffectT };

export function getCamera(id: number, signal?: AbortSignal): Promise<CameraResponse> {
  return request<CameraResponse>(`/api/cameras/${id}`, { signal });
}

/** Commits one planned change through the registry; returns what coverage it recomputed. */
export async function commitChange(c: PlanChangeT): Promise<CoverageEffectT> {
  if (c.op === 'add')
    return (await request<CameraWritten>('/api/cameras', { method: 'POST', body: c.camera })).coverage;
  if (c.op === 'remove') return (await request<CameraDeleted>(`/api/cameras/${c.id}`, { method: 'DELETE' })).coverage;
  const { camera } = await getCamera(c.id);
  return (
    await request<CameraWritten>(`/api/cameras/${c.id}`, {
      method: 'PUT',
      body: { ...c.camera, version: camera.version },
    })
  ).coverage;
}
