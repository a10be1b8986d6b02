/**
 * deck.gl inside MapLibre's own WebGL context (interleaved): deck layers share the depth buffer
 * and the render pass with the basemap, and are drawn in the map's layer stack.
 */
import type { RefObject } from 'react';
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import { useControl } from 'react-map-gl/maplibre';
import { ensureTransformForDeck } from './deckCompat';

export interface DeckOverlayProps extends MapboxOverlayProps {
  /** Receives the overlay, for picking on demand (`pickObject`). */
  overlayRef?: RefObject<MapboxOverlay | null>;
}

export function DeckOverlay({ overlayRef, ...props }: DeckOverlayProps) {
  const overlay = useControl<MapboxOverlay>(({ map }) => {
    ensureTransformForDeck(map.getMap());
    return new MapboxOverlay({ ...props, interleaved: true });
  });
  overlay.setProps({ ...props, interleaved: true });
  if (overlayRef) overlayRef.current = overlay;
  return null;
}
