/**
 * deck.gl `loadOptions` for the server's tile layers, signed with the session's token. A new token
 * (signing in again) gives new options, and deck fetches the tiles again with the new header.
 */
import { useMemo } from 'react';
import { deckTileLoadOptions } from '../api/tiles';
import { useAppState } from '../state/store';

export function useTileLoadOptions(): Record<string, unknown> {
  const token = useAppState((s) => s.session?.token ?? null);
  return useMemo(() => deckTileLoadOptions(token), [token]);
}
