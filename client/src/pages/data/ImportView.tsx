/**
 * The Data page's import tab: the form and the report's summary on the left, the map of the
 * checked rows with the history under it, the filterable rows on the right.
 */
import { useCallback, useMemo, useState } from 'react';
import type { MapFocus } from '../../map/CityMap';
import { useAppState } from '../../state/store';
import { HistoryTable } from './HistoryTable';
import { ImportForm } from './ImportForm';
import { ImportMap } from './ImportMap';
import { extentOf, padded, previewFeatures, type ReportRow } from './report';
import { ReportSummary } from './ReportSummary';
import { ReportTable } from './ReportTable';
import { useImport, type ImportRun } from './useImport';
import { useImportHistory } from './useImportHistory';

const FIT_PADDING = { top: 60, bottom: 40, left: 40, right: 40 };

/** The extent of a run's rows and problem places, to fit the map to. */
function fitOf(run: ImportRun | null): MapFocus | null {
  if (!run) return null;
  const geoms = [
    ...previewFeatures(run.report).map((f) => f.geometry),
    ...run.report.problems.map((p) => p.geometry as never),
  ];
  const box = extentOf(geoms);
  return box ? { bbox: padded(box, 0.004), padding: FIT_PADDING, maxZoom: 16, duration: 600 } : null;
}

export function ImportView() {
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));
  const history = useImportHistory();
  const { refresh } = history;
  const onDone = useCallback(() => void refresh(), [refresh]);
  const imp = useImport(onDone);
  const { run } = imp.state;
  const features = useMemo(() => previewFeatures(run?.report ?? null), [run]);

  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  // A new report: nothing chosen, and the map fits its rows.
  const [shownRun, setShownRun] = useState<ImportRun | null>(run);
  if (shownRun !== run) {
    setShownRun(run);
    setSelected(null);
    const fit = fitOf(run);
    if (fit) setFocus(fit);
  }

  const selectedFeature = useMemo(
    () => (selected === null ? null : (features.find((f) => f.properties.index === selected) ?? null)),
    [features, selected],
  );

  const choose = useCallback(
    (index: number, zoom: boolean) => {
      setSelected(index);
      const f = features.find((x) => x.properties.index === index);
      const box = f && extentOf([f.geometry]);
      if (zoom && box) setFocus({ bbox: padded(box), padding: FIT_PADDING, maxZoom: 17.5, duration: 600 });
    },
    [features],
  );
  const onRow = useCallback((r: ReportRow) => choose(r.index, true), [choose]);
  const onPick = useCallback((index: number) => choose(index, false), [choose]);

  const busy = imp.state.phase !== 'idle';
  return (
    <div className="data-import" data-testid="data-import" data-busy={busy}>
      <aside className="data-side side-panel">
        <ImportForm
          state={imp.state}
          onFile={imp.setFile}
          onOptions={imp.setOptions}
          onCheck={imp.check}
          onImport={imp.commit}
          onCancel={imp.cancel}
        />
        {run && <ReportSummary run={run} busy={busy} onFix={imp.fixAndCheck} />}
      </aside>
      <section className="data-map-wrap" aria-label="Preview map 预览地图">
        {cityBBox && (
          <ImportMap
            cityBBox={cityBBox}
            report={run?.report ?? null}
            features={features}
            selected={selectedFeature}
            focus={focus}
            onPick={onPick}
          />
        )}
      </section>
      <ReportTable run={run} selected={selected} onSelect={onRow} />
      <HistoryTable state={history.state} onUndo={(id) => void history.undo(id)} onRefresh={onDone} />
    </div>
  );
}
