import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IncidentFeature } from '../api/types';
import { formatInt, formatPercent } from '../app/format';
import { GRADE_CLASSES, cssColor } from '../layers/palette';
import { incidentTotals, incidentsByDay } from '../state/selectors';
import { useAppState } from '../state/store';
import './incident-trend.css';

const EMPTY: IncidentFeature[] = [];
const GRADES = ['routine', 'key', 'difficult'] as const;

/** Incidents reported over the last seven days, by grade, and how many are closed. */
export function IncidentTrend() {
  const incidents = useAppState((s) => s.incidents);
  const truncated = useAppState((s) => s.incidentsTruncated);
  const features = ('data' in incidents && incidents.data) || EMPTY;
  const at = incidents.status === 'ready' ? incidents.at : 0;
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const days = useMemo(
    () => incidentsByDay(features, new Date(at || Date.now()), 7, timeZone),
    [features, at, timeZone],
  );
  const totals = useMemo(() => incidentTotals(features), [features]);

  return (
    <section className="panel-section" aria-labelledby="trend-heading">
      <h2 id="trend-heading" className="section-title">
        Incidents · last 7 days <span className="zh">近七日事件</span>
      </h2>
      {incidents.status === 'error' && (
        <div className="notice notice-error compact" role="alert">
          Incidents unavailable: {incidents.message}
        </div>
      )}
      {truncated && (
        <div className="notice notice-warn compact" role="status">
          Showing the {formatInt(features.length)} most recent only <span className="zh">仅显示最近部分</span>
        </div>
      )}
      <div className="trend-figures">
        <div>
          <span className="trend-num">{formatInt(totals.total)}</span>
          <span className="trend-cap">reported 上报</span>
        </div>
        <div>
          <span className="trend-num alert">{formatInt(totals.open)}</span>
          <span className="trend-cap">open 在办</span>
        </div>
        <div>
          <span className="trend-num ok">{totals.total ? formatPercent(totals.closed / totals.total) : '—'}</span>
          <span className="trend-cap">closure rate 办结率</span>
        </div>
      </div>
      <div className="trend-chart" aria-label="Incidents per day by grade">
        <ResponsiveContainer width="100%" height={104}>
          <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -22 }} barCategoryGap="22%">
            <CartesianGrid vertical={false} stroke="#1c2a44" />
            <XAxis
              dataKey="day"
              tick={{ fill: '#8797b4', fontSize: 10 }}
              axisLine={{ stroke: '#2a3a5a' }}
              tickLine={false}
            />
            <YAxis allowDecimals={false} tick={{ fill: '#8797b4', fontSize: 10 }} axisLine={false} tickLine={false} />
            <Tooltip
              cursor={{ fill: 'rgba(34, 225, 255, 0.06)' }}
              contentStyle={{ background: '#0b1324', border: '1px solid #2a3a5a', borderRadius: 6, fontSize: 12 }}
              labelStyle={{ color: '#e8f0ff' }}
            />
            {GRADES.map((g) => (
              <Bar
                key={g}
                dataKey={g}
                name={`${GRADE_CLASSES[g].label} ${GRADE_CLASSES[g].labelZh}`}
                stackId="grade"
                fill={cssColor(GRADE_CLASSES[g].color)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
