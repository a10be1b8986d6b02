/**
 * `/cameras`: the review a command centre runs to decide where cameras are missing. Measures
 * for the city or one community against the targets, the worst grids and the longest uncovered
 * main roads; the map with grids coloured by coverage and the gaps drawn over it; a click on a
 * gap lists the nearest cameras and why each misses; planners get placement suggestions, build
 * a draft plan (add, remove, mark faulty), see the measures before and after, and commit it.
 * Every camera change, from any screen, refreshes the page live.
 *
 * Composition only: the server data is useCoverageData's, the map's view useReviewView's, the
 * planner's draft usePlan's.
 */
import { useCallback } from 'react';
import type { BBox } from '../../api/types';
import { useAppState } from '../../state/store';
import { CoverageMap } from './CoverageMap';
import { MapKey } from './MapKey';
import { ExplainPanel } from './panels';
import { removeItem, statusItem, suggestionItem } from './plan';
import { PlanPanel } from './PlanPanel';
import { ReviewPanel } from './ReviewPanel';
import { useCoverageData } from './useCoverageData';
import { usePlan } from './usePlan';
import { useReviewLayers, useReviewView, useShareColours } from './useReviewView';
import './cameras.css';

export function CamerasPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canPlan = role === 'planner' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));

  const view = useReviewView();
  const data = useCoverageData(view.viewport, view.picked);
  const plan = usePlan({
    canPlan,
    community: data.community,
    refresh: data.refresh,
    bumpRefresh: data.bumpRefresh,
    zoomTo: view.zoomTo,
  });
  const colours = useShareColours(data.shares, view.shareKey);
  const layers = useReviewLayers({
    gaps: data.gaps,
    show: view.show,
    suggestions: plan.suggestions,
    plan: plan.plan,
    picked: view.picked,
    explain: data.explain,
  });

  const { communities, setCommunity } = data;
  const { zoomTo, setPicked } = view;
  const { clearSuggestions } = plan;
  const onScope = useCallback(
    (id: number | null) => {
      setCommunity(id);
      clearSuggestions();
      const c = communities.find((x) => x.id === id);
      if (c) zoomTo(c.bbox);
      else if (cityBBox) zoomTo(cityBBox);
    },
    [communities, setCommunity, clearSuggestions, zoomTo, cityBBox],
  );

  const communityInfo = communities.find((c) => c.id === data.community) ?? null;
  const explain = data.explain;
  return (
    <div className="cov-page" data-testid="cameras-page">
      <ReviewPanel
        communities={communities}
        community={data.community}
        onScope={onScope}
        report={data.report}
        errors={data.errors}
        onOpenGrid={(g) => {
          setPicked(null);
          view.zoomAround(g.lon, g.lat, 600);
        }}
        onOpenRoad={(s) => zoomTo(s.bbox as BBox)}
      />

      <section className="cov-map-wrap" aria-label="Coverage map 覆盖地图">
        {cityBBox ? (
          <CoverageMap
            cityBBox={cityBBox}
            shares={colours.map}
            sharesVersion={colours.version}
            camerasVersion={data.refresh}
            showGrids={view.show.grids}
            showCameras={view.show.cameras}
            layers={layers}
            focus={view.focus}
            onViewport={view.setViewport}
            onPick={view.onPick}
          />
        ) : (
          <div className="map-placeholder">
            <div className="map-loading">
              <span className="spinner" aria-hidden="true" /> Loading the city…{' '}
              <span className="zh">正在加载城市数据</span>
            </div>
          </div>
        )}
        <MapKey
          show={view.show}
          setShow={view.setShow}
          shareKey={view.shareKey}
          setShareKey={view.setShareKey}
          truncated={!!(data.gaps.keyplace?.truncated || data.gaps.road?.truncated)}
        />
      </section>

      <aside className="cov-side cov-right side-panel">
        {view.picked && (
          <ExplainPanel
            explain={explain && 'data' in explain ? (explain.data ?? null) : null}
            loading={explain?.status === 'loading'}
            error={explain?.status === 'error' ? explain.message : null}
            canPlan={canPlan}
            onPlanStatus={(c, status) => plan.dispatchPlan({ type: 'add', item: statusItem(c.id, c.code, status) })}
            onPlanRemove={(c) => plan.dispatchPlan({ type: 'add', item: removeItem(c.id, c.code) })}
            onClose={() => setPicked(null)}
          />
        )}
        <PlanPanel
          canPlan={canPlan}
          communityName={communityInfo ? `${communityInfo.name} ${communityInfo.name_zh}` : null}
          suggestions={plan.suggestions}
          suggesting={plan.suggesting}
          plan={plan.plan}
          whatIf={plan.whatIf}
          measuring={plan.measuring}
          committing={plan.committing}
          lastCommit={plan.lastCommit}
          error={plan.error}
          onSuggest={plan.suggest}
          onAddSuggestion={(s) => plan.dispatchPlan({ type: 'add', item: suggestionItem(s) })}
          onFocus={(lon, lat) => view.focusPoint(lon, lat, 150)}
          onRemoveItem={(key) => plan.dispatchPlan({ type: 'remove', key })}
          onClear={() => plan.dispatchPlan({ type: 'clear' })}
          onCommit={plan.commit}
        />
      </aside>
    </div>
  );
}
