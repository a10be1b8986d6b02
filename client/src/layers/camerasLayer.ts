/**
 * Cameras (视频监控) from the `cameras` vector tile layer. From zoom 14 the tiles hold single
 * cameras, drawn as points coloured by status; below 14 the server counts cameras per cell
 * (`count`, `working`), drawn as circles sized by count and coloured by the share working.
 */
import { MVTLayer, type MVTLayerPickingInfo } from '@deck.gl/geo-layers';
import type { CameraTileProperties } from '../api/types';
import { CAMERA_STATUS_CLASSES, cameraStatusColor, type RGBA } from './palette';

export const CAMERAS_LAYER_ID = 'cameras';

/** A cell of cameras counted together (low zooms). */
export interface CameraClusterProperties {
  count: number;
  working: number;
}

export type CameraFeatureProperties = CameraTileProperties | CameraClusterProperties;

export interface CamerasLayerOptions {
  /** `{z}/{x}/{y}` tile URL template of the `cameras` tile layer. */
  tileUrl: string;
  /** deck.gl/loaders.gl load options (auth headers, worker URL). */
  loadOptions: Record<string, unknown>;
  /** Default true. */
  visible?: boolean;
  /** Cameras are shown from this zoom on (too dense below). Default 13. */
  minZoom?: number;
  /** Highest zoom the server cuts tiles at. Default 16. */
  maxZoom?: number;
  /** Radius of a single camera, in pixels. Default 3.5. */
  radiusPixels?: number;
  onTileError?: (error: unknown) => void;
}

export type CameraPickingInfo = MVTLayerPickingInfo<CameraFeatureProperties>;

export function isCameraCluster(p: CameraFeatureProperties): p is CameraClusterProperties {
  return typeof (p as CameraClusterProperties).count === 'number';
}

/** Colour of a cell by the share of its cameras working. */
export function clusterColor({ count, working }: CameraClusterProperties): RGBA {
  const share = count > 0 ? working / count : 0;
  if (share >= 0.85) return CAMERA_STATUS_CLASSES.working.color;
  if (share >= 0.6) return CAMERA_STATUS_CLASSES.faulty.color;
  return CAMERA_STATUS_CLASSES.offline.color;
}

/** Accessor: colour by status (camera) or by share working (cell). */
export function getCameraColor(feature: { properties: CameraFeatureProperties }): RGBA {
  const p = feature.properties;
  return isCameraCluster(p) ? clusterColor(p) : cameraStatusColor(p.status);
}

/** Accessor: radius in pixels; cells grow with the square root of their count. */
export function getCameraRadiusPixels(radiusPixels: number) {
  return (feature: { properties: CameraFeatureProperties }): number => {
    const p = feature.properties;
    return isCameraCluster(p) ? Math.min(12, radiusPixels + 1.2 * Math.sqrt(p.count)) : radiusPixels;
  };
}

export function createCamerasLayer(options: CamerasLayerOptions) {
  const { tileUrl, loadOptions, visible = true, minZoom = 13, maxZoom = 16, radiusPixels = 3.5, onTileError } = options;
  return new MVTLayer<CameraFeatureProperties>({
    id: CAMERAS_LAYER_ID,
    data: tileUrl,
    loadOptions,
    visible,
    minZoom,
    maxZoom,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 200],
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: getCameraColor,
    getLineColor: [8, 12, 22, 220],
    pointRadiusUnits: 'pixels',
    getPointRadius: getCameraRadiusPixels(radiusPixels),
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getPointRadius: radiusPixels },
    onTileError,
  });
}
