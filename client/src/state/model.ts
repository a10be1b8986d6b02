/** The client's state: one immutable object, changed only by the pure updaters in reducer.ts. */
import type { BBox, CitySummary, GridDetail, IncidentFeature, Role } from '../api/types';

/** Something fetched from the server, with its loading state. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T; at: number }
  | { status: 'error'; message: string; data?: T };

export interface Session {
  token: string;
  role: Role;
  username: string;
}

/** How the grids' fill is coloured. */
export type GridMeasure = 'open_incidents' | 'load' | 'type';

export type LayerKey = 'grids' | 'cameras' | 'incidents' | 'labels';

export interface AppState {
  session: Session | null;
  /** Why the user was sent back to the login page, shown there. */
  signedOutReason: 'expired' | null;
  summary: Loadable<CitySummary>;
  /** Incidents of the last seven days. */
  incidents: Loadable<IncidentFeature[]>;
  /** The server had more incidents than the limit asked for. */
  incidentsTruncated: boolean;
  layers: Record<LayerKey, boolean>;
  gridMeasure: GridMeasure;
  selectedGridId: number | null;
  /** Detail of the selected grid (`GET /api/grids/{id}`). */
  selectedGrid: Loadable<GridDetail>;
  /** A request for the map to show an extent; `seq` makes repeated requests distinct. */
  mapFocus: { bbox: BBox; seq: number } | null;
}

export function initialState(session: Session | null): AppState {
  return {
    session,
    signedOutReason: null,
    summary: { status: 'idle' },
    incidents: { status: 'idle' },
    incidentsTruncated: false,
    layers: { grids: true, cameras: true, incidents: true, labels: true },
    gridMeasure: 'open_incidents',
    selectedGridId: null,
    selectedGrid: { status: 'idle' },
    mapFocus: null,
  };
}
