/** `GET /api/health`: whether the server answers at all (no token needed, never from a cache). */
import { originUrl } from './http';

/** True when the server answers its health check with 2xx; false when it is away or failing. */
export async function serverIsUp(signal?: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch(originUrl('/api/health'), { cache: 'no-store', credentials: 'same-origin', signal });
    return res.ok;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    return false;
  }
}
