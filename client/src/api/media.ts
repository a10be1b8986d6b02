/**
 * Photos for the screens. `<img src>` cannot send the bearer header, and a token must never go
 * into a URL (it would land in logs and histories), so each image is fetched here with the
 * session's token and shown through an object URL, revoked when the component goes away.
 */
import { useEffect, useState } from 'react';
import { isStoredPhoto, type StoredPhoto } from '../../../server/src/contract/media.ts';
import { fetchIncidentCard } from './incidents';
import { requestBlob } from './http';

export type { StoredPhoto };
export { isStoredPhoto };

export type MediaKind = 'thumb' | 'full';

export interface MediaUrl {
  /** An object URL for `<img src>`, or null while loading (or on failure). */
  url: string | null;
  error: string | null;
}

export function mediaPath(id: string, kind: MediaKind): string {
  return `/api/media/${encodeURIComponent(id)}${kind === 'thumb' ? '/thumb' : ''}`;
}

/** The photo `id` as an object URL (null id: nothing to load). */
export function useMediaUrl(id: string | null | undefined, kind: MediaKind): MediaUrl {
  const [state, setState] = useState<MediaUrl & { key: string | null }>({ url: null, error: null, key: null });
  const key = id ? `${id}/${kind}` : null;
  useEffect(() => {
    if (!id) return;
    const abort = new AbortController();
    let url: string | null = null;
    requestBlob(mediaPath(id, kind), { signal: abort.signal })
      .then((blob) => {
        if (abort.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null, key: `${id}/${kind}` });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setState({ url: null, error: err.message, key: `${id}/${kind}` });
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, kind]);
  // A URL made for an earlier id is never shown for a new one.
  return state.key === key ? { url: state.url, error: state.error } : { url: null, error: null };
}

/** The first photo the server holds for an incident (for the wall's alert card), or null. */
export function useIncidentFirstPhoto(incidentId: string | null | undefined): StoredPhoto | null {
  const [found, setFound] = useState<{ id: string; photo: StoredPhoto | null } | null>(null);
  useEffect(() => {
    if (!incidentId) return;
    const abort = new AbortController();
    fetchIncidentCard(incidentId, abort.signal)
      .then((card) => {
        const photo = (card.photos ?? []).find(isStoredPhoto) ?? null;
        if (!abort.signal.aborted) setFound({ id: incidentId, photo });
      })
      .catch(() => {
        // No photo on the alert is no reason to disturb the wall.
      });
    return () => abort.abort();
  }, [incidentId]);
  return found && found.id === incidentId ? found.photo : null;
}
