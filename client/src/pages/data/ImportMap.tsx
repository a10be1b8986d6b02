/**
 * The Data page's map: the city's basemap with the checked file's rows coloured by outcome, the
 * places that break the map in red, and a key. It fits each new report's rows and flies to the
 * row chosen in the table; clicking a row on the map chooses it in the table.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { CityMap, type CityMapHandle, type MapFocus } from '../../map/CityMap';
import type { ImportReport } from '../../api/imports';
import type { BBox } from '../../api/types';
import { DATA_LAYER_IDS, previewLayer, problemsLayer, selectedLayer } from './layers';
import {
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  OUTCOMES,
  PROBLEM_COLOR,
  type PreviewFeature,
  type PreviewProps,
} from './report';

const css = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function ImportMap(p: {
  cityBBox: BBox;
  report: ImportReport | null;
  features: readonly PreviewFeature[];
  selected: PreviewFeature | null;
  focus: MapFocus | null;
  onPick: (index: number) => void;
}) {
  const cityMap = useRef<CityMapHandle>(null);
  const { features, report, selected, onPick } = p;
  const layers = useMemo(
    () => [previewLayer(features), problemsLayer(report?.problems ?? []), selectedLayer(selected)],
    [features, report, selected],
  );

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const hit = cityMap.current?.pick(e.point.x, e.point.y, [DATA_LAYER_IDS.preview], 5);
      const props = (hit?.object as { properties?: PreviewProps } | undefined)?.properties;
      if (props) onPick(props.index);
    },
    [onPick],
  );

  const problems = report?.problems.length ?? 0;
  return (
    <CityMap
      ref={cityMap}
      className="map-view data-map"
      testId="data-map"
      bbox={p.cityBBox}
      focus={p.focus}
      layers={layers}
      onClick={onClick}
      getCursor={({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')}
    >
      <div className="data-map-key" data-testid="data-map-key">
        {OUTCOMES.map((o) => (
          <span key={o}>
            <i style={{ background: css(OUTCOME_COLORS[o]) }} />
            {OUTCOME_LABELS[o]}
          </span>
        ))}
        <span className={problems ? 'data-key-problems' : undefined}>
          <i style={{ background: css(PROBLEM_COLOR) }} />
          Breaks the map 冲突{problems ? ` (${problems})` : ''}
        </span>
      </div>
      {report && !features.length && !problems && (
        <div className="data-map-note">Nothing to draw: the layer has no geometry. 该图层无几何。</div>
      )}
    </CityMap>
  );
}
