/**
 * The planner's side of the review: placement suggestions for the community, the draft plan (see
 * plan.ts), its what-if measures (nothing stored; again whenever the plan, the scope or the
 * cameras change), and committing it change by change through the registry.
 */
import { useCallback, useEffect, useReducer, useState } from 'react';
import { commitChange } from '../../api/cameras';
import { postSuggest, postWhatIf, type Suggestion, type WhatIfResponseT } from '../../api/coverage';
import type { BBox } from '../../api/types';
import { planReducer, suggestionItem } from './plan';
import { aborted, message, type Loadable } from './useCoverageData';

export function usePlan(o: {
  canPlan: boolean;
  community: number | null;
  refresh: number;
  bumpRefresh: () => void;
  zoomTo: (bbox: BBox) => void;
}) {
  const { canPlan, community, refresh, bumpRefresh, zoomTo } = o;
  const [plan, dispatchPlan] = useReducer(planReducer, []);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [suggesting, setSuggesting] = useState(false);
  const [whatIf, setWhatIf] = useState<Loadable<WhatIfResponseT> | null>(null);
  const [committing, setCommitting] = useState(false);
  const [lastCommit, setLastCommit] = useState<WhatIfResponseT | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);

  // Measure the draft plan (what-if: nothing is stored).
  useEffect(() => {
    if (!canPlan || !plan.length) return setWhatIf(null);
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setWhatIf((w) => ({ status: 'loading', data: w?.data }));
      postWhatIf(
        plan.map((p) => p.change),
        community ? { community } : null,
        ctl.signal,
      )
        .then((data) => setWhatIf({ status: 'ready', data }))
        .catch((e) => !aborted(e) && setWhatIf({ status: 'error', message: message(e) }));
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [plan, community, canPlan, refresh]);

  const suggest = useCallback(
    async (count: number) => {
      if (!community) return;
      setSuggesting(true);
      setPlanError(null);
      try {
        const r = await postSuggest({ area: { community }, count });
        setSuggestions(r.suggestions);
        if (r.suggestions.length) {
          const xs = r.suggestions.map((s) => s.lon);
          const ys = r.suggestions.map((s) => s.lat);
          zoomTo([Math.min(...xs) - 0.002, Math.min(...ys) - 0.002, Math.max(...xs) + 0.002, Math.max(...ys) + 0.002]);
        }
      } catch (e) {
        setPlanError(message(e));
      } finally {
        setSuggesting(false);
      }
    },
    [community, zoomTo],
  );

  const commit = useCallback(async () => {
    setCommitting(true);
    setPlanError(null);
    const measured = whatIf?.status === 'ready' ? whatIf.data : null;
    const done: string[] = [];
    try {
      for (const item of plan) {
        await commitChange(item.change);
        done.push(item.key);
      }
      setLastCommit(measured);
      dispatchPlan({ type: 'clear' });
      setSuggestions((s) => s.filter((x) => !done.includes(suggestionItem(x).key)));
    } catch (e) {
      for (const key of done) dispatchPlan({ type: 'remove', key });
      setPlanError(`Stopped after ${done.length} change${done.length === 1 ? '' : 's'}: ${message(e)}`);
    } finally {
      setCommitting(false);
      bumpRefresh();
    }
  }, [plan, whatIf, bumpRefresh]);

  const clearSuggestions = useCallback(() => setSuggestions([]), []);

  return {
    plan,
    dispatchPlan,
    suggestions,
    suggesting,
    suggest,
    clearSuggestions,
    committing,
    commit,
    lastCommit,
    whatIf: whatIf && 'data' in whatIf ? (whatIf.data ?? null) : null,
    measuring: whatIf?.status === 'loading',
    error: planError ?? (whatIf?.status === 'error' ? whatIf.message : null),
  };
}
