/**
 * Incident heatmap (GPU aggregation): the packed float32 (lon, lat, weight) triples from
 * `/api/wall/heat` go to the GPU as binary attributes, as deck.gl's docs recommend for large
 * point sets: no per-point JavaScript objects, no accessor calls.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';

export const HEATMAP_LAYER_ID = 'incident-heatmap';

/** Cool to hot; the first entry is where the heat fades out. */
export const HEAT_COLORS: [number, number, number][] = [
  [30, 64, 175],
  [6, 182, 212],
  [132, 204, 22],
  [250, 204, 21],
  [249, 115, 22],
  [220, 38, 38],
];

export interface HeatmapLayerOptions {
  /** (lon, lat, weight) float32 triples. */
  data: Float32Array;
  /** Default true. */
  visible?: boolean;
  /** Kernel radius in pixels. Default 40. */
  radiusPixels?: number;
  /** Overall opacity. Default 0.55. */
  opacity?: number;
  /** Bumped when `data` is a new buffer with the same length (forces a re-upload). */
  version?: number;
  /**
   * Side of the texture the points are summed into. Default 512: every point is drawn into it
   * on each camera move, so its fill cost grows with the square of this; 512 keeps a touring
   * wall smooth with 500,000 points and is still finer than the blur of the kernel.
   */
  weightsTextureSize?: number;
}

/** The binary `data` object deck.gl takes: stride and offsets into one interleaved buffer. */
export function heatAttributes(data: Float32Array) {
  return {
    length: Math.floor(data.length / 3),
    attributes: {
      getPosition: { value: data, size: 2, stride: 12, offset: 0 },
      getWeight: { value: data, size: 1, stride: 12, offset: 8 },
    },
  };
}

export function createHeatmapLayer({
  data,
  visible = true,
  radiusPixels = 40,
  opacity = 0.55,
  version = 0,
  weightsTextureSize = 512,
}: HeatmapLayerOptions) {
  return new HeatmapLayer({
    id: HEATMAP_LAYER_ID,
    data: heatAttributes(data) as never,
    visible,
    radiusPixels,
    opacity,
    intensity: 1,
    threshold: 0.04,
    colorRange: HEAT_COLORS,
    aggregation: 'SUM',
    weightsTextureSize,
    pickable: false,
    updateTriggers: { getPosition: version, getWeight: version },
  });
}
