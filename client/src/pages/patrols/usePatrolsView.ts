/**
 * The patrol page's own state: the tab (a review can be linked:
 * `/patrols?tab=playback&from=ISO&to=ISO&speed=60` opens and plays that window), the unit
 * selected, where the map looks, and the one error line every failed request ends in.
 */
import { useCallback, useRef, useState } from 'react';
import type { BBox } from '../../api/types';
import { bboxOf } from './format';

export type Tab = 'live' | 'response' | 'routes' | 'assessment' | 'playback';
export const TABS: [Tab, string][] = [
  ['live', 'Live 实时'],
  ['response', 'Response 响应'],
  ['routes', 'Routes 路线'],
  ['assessment', 'Assessment 考核'],
  ['playback', 'Playback 回放'],
];

export function usePatrolsView() {
  const [linked] = useState(() => new URLSearchParams(window.location.search));
  const [tab, setTab] = useState<Tab>(() =>
    TABS.some(([k]) => k === linked.get('tab')) ? (linked.get('tab') as Tab) : 'live',
  );
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Shows these points on the map. */
  const focusOn = useCallback((pts: [number, number][]) => {
    const b = bboxOf(pts);
    if (b) setFocus((f) => ({ bbox: b, seq: (f?.seq ?? 0) + 1 }));
  }, []);

  /** While a playback runs, live status refreshes pause (it needs the main thread). */
  const shown = useRef(tab);
  shown.current = tab;
  const isPlayback = useCallback(() => shown.current === 'playback', []);

  return { linked, tab, setTab, selected, setSelected, focus, focusOn, error, setError, isPlayback };
}
