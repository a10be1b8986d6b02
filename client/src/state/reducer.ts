/** Pure updaters: (state, action) → new state. No I/O, no time, no randomness. */
import type { BBox, CitySummary, GridDetail, IncidentFeature } from '../api/types';
import { initialState, type AppState, type GridMeasure, type LayerKey, type Loadable, type Session } from './model';

export type Action =
  | { type: 'session/signedIn'; session: Session }
  | { type: 'session/signedOut'; reason: 'expired' | null }
  | { type: 'summary/loading' }
  | { type: 'summary/loaded'; summary: CitySummary; at: number }
  | { type: 'summary/failed'; message: string }
  | { type: 'incidents/loading' }
  | { type: 'incidents/loaded'; features: IncidentFeature[]; truncated: boolean; at: number }
  | { type: 'incidents/failed'; message: string }
  | { type: 'layers/toggled'; layer: LayerKey }
  | { type: 'gridMeasure/chosen'; measure: GridMeasure }
  | { type: 'grid/selected'; id: number | null }
  | { type: 'grid/loaded'; id: number; detail: GridDetail; at: number }
  | { type: 'grid/failed'; id: number; message: string }
  | { type: 'map/focused'; bbox: BBox };

function loading<T>(current: Loadable<T>): Loadable<T> {
  // Keep showing the previous data while refreshing.
  return 'data' in current && current.data !== undefined
    ? { status: 'loading', data: current.data }
    : { status: 'loading' };
}

function failed<T>(current: Loadable<T>, message: string): Loadable<T> {
  return 'data' in current && current.data !== undefined
    ? { status: 'error', message, data: current.data }
    : { status: 'error', message };
}

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'session/signedIn':
      return { ...initialState(action.session), layers: state.layers, gridMeasure: state.gridMeasure };
    case 'session/signedOut':
      return {
        ...initialState(null),
        signedOutReason: action.reason,
        layers: state.layers,
        gridMeasure: state.gridMeasure,
      };

    case 'summary/loading':
      return { ...state, summary: loading(state.summary) };
    case 'summary/loaded':
      return { ...state, summary: { status: 'ready', data: action.summary, at: action.at } };
    case 'summary/failed':
      return { ...state, summary: failed(state.summary, action.message) };

    case 'incidents/loading':
      return { ...state, incidents: loading(state.incidents) };
    case 'incidents/loaded':
      return {
        ...state,
        incidents: { status: 'ready', data: action.features, at: action.at },
        incidentsTruncated: action.truncated,
      };
    case 'incidents/failed':
      return { ...state, incidents: failed(state.incidents, action.message) };

    case 'layers/toggled':
      return { ...state, layers: { ...state.layers, [action.layer]: !state.layers[action.layer] } };
    case 'gridMeasure/chosen':
      return state.gridMeasure === action.measure ? state : { ...state, gridMeasure: action.measure };

    case 'grid/selected':
      if (action.id === state.selectedGridId) return state;
      return {
        ...state,
        selectedGridId: action.id,
        selectedGrid: action.id === null ? { status: 'idle' } : { status: 'loading' },
      };
    case 'grid/loaded':
      // A late answer for a grid no longer selected is dropped.
      if (action.id !== state.selectedGridId) return state;
      return { ...state, selectedGrid: { status: 'ready', data: action.detail, at: action.at } };
    case 'grid/failed':
      if (action.id !== state.selectedGridId) return state;
      return { ...state, selectedGrid: { status: 'error', message: action.message } };
    case 'map/focused':
      return { ...state, mapFocus: { bbox: action.bbox, seq: (state.mapFocus?.seq ?? 0) + 1 } };
  }
}
