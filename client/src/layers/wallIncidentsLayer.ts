/**
 * Open incidents on the wall: a dot per incident coloured by grade, a halo round those whose
 * current step is overdue, and an expanding ring that pulses round incidents that just arrived.
 * Three layers with stable ids, so deck.gl updates them in place as the data changes.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { WallIncident } from '../pages/wall/liveWall';
import { gradeColor, type RGBA } from './palette';
import type { IncidentGrade } from '../api/types';

export const WALL_INCIDENTS_LAYER_ID = 'wall-incidents';

export const OVERDUE_HALO: RGBA = [255, 214, 10, 230];

export interface WallIncidentsLayerOptions {
  incidents: WallIncident[];
  overdue: WallIncident[];
  /** Incidents that arrived in the last minute. */
  pulsing: WallIncident[];
  /** 0–1: where the pulse ring is in its cycle. */
  pulsePhase: number;
  /** Changes whenever the lists change. */
  version: number;
  /** Marker radius in pixels. Default 3.5. */
  radiusPixels?: number;
}

const position = (i: WallIncident): [number, number] => [i.lon, i.lat];

export function createWallIncidentsLayers(o: WallIncidentsLayerOptions) {
  const r = o.radiusPixels ?? 3.5;
  return [
    new ScatterplotLayer<WallIncident>({
      id: `${WALL_INCIDENTS_LAYER_ID}-overdue`,
      data: o.overdue,
      getPosition: position,
      radiusUnits: 'pixels',
      getRadius: r + 4,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: OVERDUE_HALO,
      updateTriggers: { getPosition: o.version },
    }),
    new ScatterplotLayer<WallIncident>({
      id: WALL_INCIDENTS_LAYER_ID,
      data: o.incidents,
      getPosition: position,
      radiusUnits: 'pixels',
      getRadius: (i) => (i.grade === 'routine' ? r : r + 1.5),
      filled: true,
      getFillColor: (i) => gradeColor(i.grade as IncidentGrade),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: [255, 255, 255, 200],
      updateTriggers: { getPosition: o.version, getFillColor: o.version, getRadius: o.version },
    }),
    new ScatterplotLayer<WallIncident>({
      id: `${WALL_INCIDENTS_LAYER_ID}-pulse`,
      data: o.pulsing,
      getPosition: position,
      radiusUnits: 'pixels',
      // The radius and fade come from one phase for all rings: a uniform change, no re-upload.
      radiusScale: 1 + o.pulsePhase * 5,
      getRadius: r + 2,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getLineColor: (i) => gradeColor(i.grade as IncidentGrade, 255),
      opacity: 1 - o.pulsePhase * 0.85,
      updateTriggers: { getPosition: o.version, getLineColor: o.version },
    }),
  ];
}
