/**
 * The editor's map: the city's basemap with the editor's deck.gl layers, and terra-draw on the
 * same MapLibre map for drawing split lines and new communities and for dragging a grid's
 * vertices and edges. Pointer positions snap to street blocks' edges and grid edges (streets)
 * within a few pixels, as the server snaps again within metres. In brush mode a press-and-drag
 * paints street blocks instead of panning.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { maplibregl } from '../../map/maplibre';
import { CityMap, type CityMapHandle, type MapFocus } from '../../map/CityMap';
import type { BBox } from '../../api/types';
import { EDIT_LAYER_IDS } from './layers';
import { nearestOnSegments, nearestVertex } from './geometry';

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
  const cityMap = useRef<CityMapHandle>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  const props = useRef(p);
  props.current = p;
  const painting = useRef(false);
  const [ready, setReady] = useState(false);

  const focus = useMemo<MapFocus | null>(
    () => (p.focus ? { bbox: p.focus.bbox, padding: FIT_PADDING, maxZoom: 17.5, duration: 700 } : null),
    [p.focus],
  );

  // Snapping: the nearest vertex within reach, else the nearest point on an edge, in screen space.
  const snap: SnapToCustom = useCallback((event) => {
    const map = cityMap.current?.map?.getMap();
    if (!map) return undefined;
    const at: [number, number] = [event.containerX, event.containerY];
    const segs: [[number, number], [number, number]][] = [];
    const verts: [number, number][] = [];
    for (const [a, b] of props.current.snapEdges) {
      const pa = map.project([a[0], a[1]]);
      const pb = map.project([b[0], b[1]]);
      if (Math.min(pa.x, pb.x) > at[0] + SNAP_PX || Math.max(pa.x, pb.x) < at[0] - SNAP_PX) continue;
      if (Math.min(pa.y, pb.y) > at[1] + SNAP_PX || Math.max(pa.y, pb.y) < at[1] - SNAP_PX) continue;
      segs.push([
        [pa.x, pa.y],
        [pb.x, pb.y],
      ]);
      verts.push([pa.x, pa.y], [pb.x, pb.y]);
    }
    const v = nearestVertex(at, verts, SNAP_PX);
    const hit = v ? { at: v, d: 0 } : nearestOnSegments(at, segs);
    if (!hit || hit.d > SNAP_PX) return undefined;
    const ll = map.unproject(hit.at);
    return [ll.lng, ll.lat];
  }, []);

  const onLoad = useCallback(
    (map: MapLibreMap) => {
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
    },
    [snap],
  );

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
      draw.addFeatures(
        polys.map((coordinates, i) => ({
          id: ids[i],
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates },
          properties: { mode: 'polygon' },
        })),
      );
      draw.selectFeature(ids[0]);
    } else draw.setMode('static');
    const map = cityMap.current?.map?.getMap();
    if (map) {
      if (p.tool === 'brush') map.dragPan.disable();
      else map.dragPan.enable();
    }
  }, [p.tool, p.editing, ready]);

  useEffect(
    () => () => {
      try {
        drawRef.current?.stop();
      } catch {
        /* the map is gone already */
      }
    },
    [],
  );

  const pick = useCallback((x: number, y: number, layer: string) => cityMap.current?.pick(x, y, [layer]), []);

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const tool = props.current.tool;
      if (tool !== 'select') return;
      const hit = pick(e.point.x, e.point.y, EDIT_LAYER_IDS.grids);
      const id = (hit?.object as { properties?: { id?: number } } | undefined)?.properties?.id ?? null;
      props.current.onGridClick(id, e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey);
    },
    [pick],
  );

  const paintAt = useCallback(
    (x: number, y: number) => {
      const hit = pick(x, y, EDIT_LAYER_IDS.blocks);
      const id = (hit?.object as { properties?: { id?: number } } | undefined)?.properties?.id;
      if (id) props.current.onPaint(id);
    },
    [pick],
  );

  return (
    <CityMap
      ref={cityMap}
      className="map-view edit-map"
      testId="edit-map"
      bbox={p.cityBBox}
      focus={focus}
      layers={p.layers}
      getCursor={({ isDragging }) =>
        p.tool === 'brush'
          ? 'cell'
          : p.tool === 'split' || p.tool === 'community'
            ? 'crosshair'
            : isDragging
              ? 'grabbing'
              : 'pointer'
      }
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
    />
  );
}
