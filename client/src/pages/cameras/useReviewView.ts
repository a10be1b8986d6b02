/**
 * What the coverage review's map shows, apart from the server's data: where it looks (focus,
 * viewport), the point clicked, which layers are on and what the grids are coloured by; and the
 * deck.gl layers and grid colours made from the data and the plan.
 */
import { useCallback, useMemo, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import type { Suggestion } from '../../api/coverage';
import type { BBox } from '../../api/types';
import type { Viewport } from './CoverageMap';
import {
  explainLayers,
  gapAreaLayer,
  gapPointsLayer,
  gapRoadLayer,
  LAYER_IDS,
  planLayers,
  suggestionLayers,
  viewsLayer,
} from './layers';
import { SHARE_KEYS, type ShareKey, type Show } from './MapKey';
import { around, plannedCameras, type PlanItem } from './plan';
import type { useCoverageData } from './useCoverageData';

export function useReviewView() {
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  const [show, setShow] = useState<Show>({
    grids: true,
    cameras: true,
    views: true,
    keyplace: true,
    road: true,
    area: true,
  });
  const [shareKey, setShareKey] = useState<ShareKey>('score');

  const zoomTo = useCallback((bbox: BBox) => setFocus((f) => ({ bbox, seq: (f?.seq ?? 0) + 1 })), []);

  /** A click on the map: a suggestion explains its own spot; a gap is zoomed to. */
  const onPick = useCallback(
    (lon: number, lat: number, hit: { layer: string; object: unknown } | null) => {
      if (hit?.layer === LAYER_IDS.suggestions) {
        const s = hit.object as Suggestion;
        setPicked({ lon: s.lon, lat: s.lat });
        return;
      }
      setPicked({ lon, lat });
      if (hit) zoomTo(around(lon, lat, 180));
    },
    [zoomTo],
  );

  /** Zoom to `m` metres around a point. */
  const zoomAround = useCallback((lon: number, lat: number, m: number) => zoomTo(around(lon, lat, m)), [zoomTo]);

  /** Explain a point and zoom to it. */
  const focusPoint = useCallback(
    (lon: number, lat: number, m: number) => {
      setPicked({ lon, lat });
      zoomAround(lon, lat, m);
    },
    [zoomAround],
  );

  return {
    focus,
    zoomTo,
    zoomAround,
    viewport,
    setViewport,
    picked,
    setPicked,
    onPick,
    focusPoint,
    show,
    setShow,
    shareKey,
    setShareKey,
  };
}

type Data = ReturnType<typeof useCoverageData>;

/** Grid colours (one share, or their mean) and a version that changes with them. */
export function useShareColours(shares: Data['shares'], shareKey: ShareKey) {
  return useMemo(() => {
    const map = new Map<number, number | null>();
    if (shares) {
      const s = shares.data;
      s.ids.forEach((id, i) =>
        map.set(
          id,
          shareKey === 'score' ? mean([s.area[i], s.road[i], s.keyplace[i], s.intersection[i]]) : s[shareKey][i],
        ),
      );
    }
    const version = (shares?.loads ?? 0) * SHARE_KEYS.length + SHARE_KEYS.findIndex((k) => k.key === shareKey);
    return { map, version };
  }, [shares, shareKey]);
}

export function useReviewLayers(o: {
  gaps: Data['gaps'];
  show: Show;
  suggestions: Suggestion[];
  plan: PlanItem[];
  picked: { lon: number; lat: number } | null;
  explain: Data['explain'];
}): LayersList {
  const { gaps, show, suggestions, plan, picked } = o;
  const ex = o.explain && 'data' in o.explain ? (o.explain.data ?? null) : null;
  return useMemo(
    () => [
      gapAreaLayer(gaps.area, show.area),
      viewsLayer(gaps.views, show.views),
      gapRoadLayer(gaps.road, show.road),
      gapPointsLayer(gaps.keyplace, show.keyplace),
      ...suggestionLayers(suggestions),
      ...planLayers(plannedCameras(plan)),
      ...explainLayers(picked, ex),
    ],
    [gaps, show, suggestions, plan, picked, ex],
  );
}

function mean(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
