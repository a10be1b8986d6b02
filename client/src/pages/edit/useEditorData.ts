/**
 * The editor's server data: the communities to pick from, the chosen community (kept in the
 * address as `?community=`), its grids against the standard and band, its street blocks and its
 * history — fetched again after every change, ours (`reload`) or another screen's (live
 * `grid.changed`). Failures are reported through `onError`; the map zooms to a community once
 * its grids arrive.
 */
import { useCallback, useEffect, useEffectEvent, useRef, useState, type Dispatch } from 'react';
import type { Area } from '../../api/areas';
import { ApiError } from '../../api/http';
import {
  fetchBlocks,
  fetchCommunities,
  fetchCommunityGrids,
  fetchHistory,
  type CommunityBlocks,
  type CommunityGrids,
  type HistoryEntry,
} from '../../api/gridEdits';
import { live } from '../../api/live';
import type { BBox } from '../../api/types';
import type { EditorAction } from './editorState';

export const messageOf = (e: unknown) =>
  e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
const aborted = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

function communityFromUrl(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('community'));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export interface EditorData {
  communities: Area[];
  community: number | null;
  setCommunity: (id: number | null) => void;
  /** The standard typed in (empty: the community's default). */
  targetInput: string;
  setTargetInput: (v: string) => void;
  /** The standard asked for, when one is typed. */
  target: number | undefined;
  band: number;
  setBand: (v: number) => void;
  data: CommunityGrids | null;
  blocks: CommunityBlocks | null;
  history: HistoryEntry[];
  /** Fetch the communities and the community's data again. */
  reload: () => void;
  focus: { bbox: BBox; seq: number } | null;
  zoomTo: (bbox: BBox) => void;
}

export function useEditorData(dispatch: Dispatch<EditorAction>): EditorData {
  const [communities, setCommunities] = useState<Area[]>([]);
  const [community, setCommunity] = useState<number | null>(communityFromUrl);
  const [targetInput, setTargetInput] = useState('');
  const [band, setBand] = useState(0.25);
  const [data, setData] = useState<CommunityGrids | null>(null);
  const [blocks, setBlocks] = useState<CommunityBlocks | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [reloads, setReloads] = useState(0);
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);

  const target = Number(targetInput) > 0 ? Number(targetInput) : undefined;
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const zoomTo = useCallback((bbox: BBox) => setFocus((f) => ({ bbox, seq: (f?.seq ?? 0) + 1 })), []);
  const report = useEffectEvent((text: string) => dispatch({ type: 'message', message: { kind: 'error', text } }));
  const loaded = useEffectEvent((ids: number[]) => dispatch({ type: 'grids/loaded', ids }));
  const changed = useEffectEvent(() => dispatch({ type: 'community/changed' }));

  useEffect(() => {
    const ctl = new AbortController();
    fetchCommunities(ctl.signal)
      .then(setCommunities)
      .catch((e) => !aborted(e) && report(`Communities unavailable 社区列表无法加载: ${messageOf(e)}`));
    return () => ctl.abort();
  }, [reloads]);

  useEffect(() => {
    window.history.replaceState(null, '', community ? `/edit?community=${community}` : '/edit');
    changed();
  }, [community]);

  // The community's grids, blocks and history; again after every change (ours or another screen's).
  useEffect(() => {
    if (!community) {
      setData(null);
      return;
    }
    const ctl = new AbortController();
    Promise.all([
      fetchCommunityGrids(community, target, band, ctl.signal),
      fetchBlocks(community, ctl.signal),
      fetchHistory(community, ctl.signal),
    ])
      .then(([g, b, h]) => {
        setData(g);
        setBlocks(b);
        setHistory(h);
        loaded(g.features.map((f) => f.id));
      })
      .catch((e) => {
        if (!(e instanceof DOMException)) report(messageOf(e));
      });
    return () => ctl.abort();
  }, [community, target, band, reloads]);

  // Zoom to a community once its grids arrive.
  const zoomed = useRef<number | null>(null);
  useEffect(() => {
    if (data && zoomed.current !== data.community.id) {
      zoomed.current = data.community.id;
      zoomTo(data.community.bbox);
    }
  }, [data, zoomTo]);

  // Live: an edit of this community anywhere redraws it here.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = live.subscribe({
      onEvent: (e) => {
        if (e.type !== 'grid.changed' || (community && e.community_id !== community)) return;
        clearTimeout(pending.current);
        pending.current = setTimeout(reload, 300);
      },
    });
    return () => {
      off();
      clearTimeout(pending.current);
    };
  }, [community, reload]);

  return {
    communities,
    community,
    setCommunity,
    targetInput,
    setTargetInput,
    target,
    band,
    setBand,
    data,
    blocks,
    history,
    reload,
    focus,
    zoomTo,
  };
}
