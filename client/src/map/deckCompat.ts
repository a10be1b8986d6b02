/**
 * deck.gl 9.4's interleaved MapboxOverlay reads `map.transform` (its `height`, to normalise the
 * near/far planes MapLibre hands to custom layers). MapLibre 6 no longer exposes `transform` on
 * the map (it lives on a private camera object), so without this every deck frame throws.
 *
 * The shim adds a read-only `transform` getter to the one map instance, and only when missing:
 * on a MapLibre that still has it, nothing changes. Remove once @deck.gl/mapbox supports v6.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

type WithCamera = MapLibreMap & { _camera?: { transform?: unknown } };

export function ensureTransformForDeck(map: MapLibreMap): void {
  if ('transform' in map) return;
  Object.defineProperty(map, 'transform', {
    configurable: true,
    enumerable: false,
    get() {
      const camera = (map as WithCamera)._camera;
      // The camera's transform when there is one; else the one field deck needs without terrain.
      return camera?.transform ?? { height: map.getCanvas().clientHeight };
    },
  });
}
