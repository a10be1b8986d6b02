/**
 * The editor's map: the city's basemap with the editor's deck.gl layers, and terra-draw on the
 * same MapLibre map for drawing split lines and new communities and for dragging a grid's
 * vertices and edges. Pointer positions snap to street blocks' edges and grid edges (streets)
 * within a few pixels, as the server snaps again within metres. In brush mode a press-and-drag
 * paints street blocks instead of panning.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Map as MapGL, NavigationControl, ScaleControl, type MapRef } from 'react-map-gl/maplibre';
import { FLAT_VIEW, useBaseMapProps } from '../../map/baseMapProps';
import type { LayersList } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { maplibregl } from '../../map/maplibre';
import { DeckOverlay } from '../../map/DeckOverlay';
import { markReady, resetReadiness } from '../../map/readiness';
import { reportUnauthorized } from '../../api/http';
import type { BBox } from '../../api/types';
import { EDIT_LAYER_IDS } from './layers';
import { nearestOnSegments, nearestVertex } from './geometry';
import '../../map/map.css';

export type Tool = 'select' | 'split' | 'move' | 'brush' | 'community';

export interface EditMapProps {
  cityBBox: BBox;
  focus: { bbox: BBox; seq: number } | null;
  layers: LayersList;
  tool: Tool;
  /** The polygon being reshaped in `move` mode (null: none). */
  editing: Polygon | MultiPolygon | null;
  /** Street and grid edges to snap to, as lon/lat segments. */
  snapEdges: readonly [Position, Position][];
  onGridClick: (id: number | null, additive: boolean) => void;
  onLine: (line: LineString) => void;
  onPolygon: (polygon: Polygon) => void;
  onReshaped: (geometry: Polygon | MultiPolygon) => void;
  onPaint: (blockId: number) => void;
  onPaintEnd: () => void;
}

const SNAP_PX = 12;
/** Padding when showing a community: clear of the toolbar above. */
export const FIT_PADDING = { top: 110, bottom: 40, left: 40, right: 40 };

export function EditMap(p: EditMapProps) {
  const mapRef = useRef<MapRef>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  const props = useRef(p);
  props.current = p;
  const painting = useRef(false);
  const [ready, setReady] = useState(false);
  const baseMap = useBaseMapProps();
  const [initialViewState] = useState(() => ({
    bounds: [[p.cityBBox[0], p.cityBBox[1]], [p.cityBBox[2], p.cityBBox[3]]] as [[number, number], [number, number]],
    fitBoundsOptions: { padding: 30 },
  }));

  useEffect(() => resetReadiness(), []);

  useEffect(() => {
    if (!p.focus) return;
    const [a, b, c, d] = p.focus.bbox;
    mapRef.current?.fitBounds([[a, b], [c, d]], { padding: FIT_PADDING, maxZoom: 17.5, duration: 700 });
  }, [p.focus]);

  // Snapping: the nearest vertex within reach, else the nearest point on an edge, in screen space.
  const snap: SnapToCustom = useCallback((event) => {
    const map = mapRef.current?.getMap();
    if (!map) return undefined;
    const at: [number, number] = [event.containerX, event.containerY];
    const segs: [[number, number], [number, number]][] = [];
    const verts: [number, number][] = [];
    for (const [a, b] of props.current.snapEdges) {
      const pa = map.project([a[0], a[1]]);
      const pb = map.project([b[0], b[1]]);
      if (Math.min(pa.x, pb.x) > at[0] + SNAP_PX || Math.max(pa.x, pb.x) < at[0] - SNAP_PX) continue;
      if (Math.min(pa.y, pb.y) > at[1] + SNAP_PX || Math.max(pa.y, pb.y) < at[1] - SNAP_PX) continue;
      segs.push([[pa.x, pa.y], [pb.x, pb.y]]);
      verts.push([pa.x, pa.y], [pb.x, pb.y]);
    }
    const v = nearestVertex(at, verts, SNAP_PX);
    const hit = v ? { at: v, d: 0 } : nearestOnSegments(at, segs);
    if (!hit || hit.d > SNAP_PX) return undefined;
    const ll = map.unproject(hit.at);
    return [ll.lng, ll.lat];
  }, []);

  const onLoad = useCallback(() => {
    markReady('mapReady');
    const map = mapRef.current!.getMap() as unknown as MapLibreMap;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, lib: maplibregl } as never),
      modes: [
        new TerraDrawLineStringMode({ snapping: { toCustom: snap } }),
        new TerraDrawPolygonMode({ snapping: { toCustom: snap } }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: { toCustom: snap } },
              },
            },
          },
        }),
      ],
    });
    draw.start();
    draw.on('finish', (id, ctx) => {
      const f = draw.getSnapshotFeature(id);
      if (!f) return;
      if (ctx.mode === 'linestring' && ctx.action === 'draw') {
        props.current.onLine(f.geometry as LineString);
        draw.removeFeatures([id]);
      } else if (ctx.mode === 'polygon' && ctx.action === 'draw') {
        props.current.onPolygon(f.geometry as Polygon);
        draw.removeFeatures([id]);
      } else if (ctx.mode === 'select') {
        props.current.onReshaped(f.geometry as Polygon);
      }
    });
    drawRef.current = draw;
    setReady(true);
  }, [snap]);

  // The tool decides terra-draw's mode; in move mode the grid's polygon is loaded to be reshaped.
  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || !ready) return;
    draw.clear();
    if (p.tool === 'split') draw.setMode('linestring');
    else if (p.tool === 'community') draw.setMode('polygon');
    else if (p.tool === 'move' && p.editing) {
      draw.setMode('select');
      const polys = p.editing.type === 'Polygon' ? [p.editing.coordinates] : p.editing.coordinates;
      const ids = polys.map(() => crypto.randomUUID());
      draw.addFeatures(polys.map((coordinates, i) => ({
        id: ids[i], type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties: { mode: 'polygon' },
      })));
      draw.selectFeature(ids[0]);
    } else draw.setMode('static');
    const map = mapRef.current?.getMap();
    if (map) {
      if (p.tool === 'brush') map.dragPan.disable();
      else map.dragPan.enable();
    }
  }, [p.tool, p.editing, ready]);

  useEffect(() => () => {
    try { drawRef.current?.stop(); } catch { /* the map is gone already */ }
  }, []);

  const pick = useCallback((x: number, y: number, layer: string) => overlayRef.current?.pickObject({ x, y, radius: 2, layerIds: [layer] }), []);

  const onClick = useCallback((e: MapLayerMouseEvent) => {
    const tool = props.current.tool;
    if (tool !== 'select') return;
    const hit = pick(e.point.x, e.point.y, EDIT_LAYER_IDS.grids);
    const id = (hit?.object as { properties?: { id?: number } } | undefined)?.properties?.id ?? null;
    props.current.onGridClick(id, e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey);
  }, [pick]);

  const paintAt = useCallback((x: number, y: number) => {
    const hit = pick(x, y, EDIT_LAYER_IDS.blocks);
    const id = (hit?.object as { properties?: { id?: number } } | undefined)?.properties?.id;
    if (id) props.current.onPaint(id);
  }, [pick]);

  return (
    <div className="map-view edit-map" data-testid="edit-map">
      <MapGL
        ref={mapRef}
        {...baseMap}
        {...FLAT_VIEW}
        initialViewState={initialViewState}
        onLoad={onLoad}
        onClick={onClick}
        onMouseDown={(e) => {
          if (props.current.tool !== 'brush') return;
          painting.current = true;
          paintAt(e.point.x, e.point.y);
        }}
        onMouseMove={(e) => {
          if (painting.current) paintAt(e.point.x, e.point.y);
        }}
        onMouseUp={() => {
          if (!painting.current) return;
          painting.current = false;
          props.current.onPaintEnd();
        }}
        onError={(ev) => {
          if ((ev.error as { status?: number } | undefined)?.status === 401) reportUnauthorized();
        }}
        style={{ position: 'absolute', inset: 0 }}
      >
        <DeckOverlay
          layers={p.layers}
          overlayRef={overlayRef}
          getCursor={({ isDragging }) => (p.tool === 'brush' ? 'cell' : p.tool === 'split' || p.tool === 'community' ? 'crosshair' : isDragging ? 'grabbing' : 'pointer')}
        />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" maxWidth={120} />
      </MapGL>
    </div>
  );
}
