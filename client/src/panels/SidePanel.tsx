import { formatTime } from '../app/format';
import { useAppState } from '../state/store';
import { IncidentTrend } from './IncidentTrend';
import { KpiTiles } from './KpiTiles';
import { LayerControls } from './LayerControls';
import './side-panel.css';

/** The right-hand column of the overview: figures, trend, layer controls. */
export function SidePanel() {
  const updatedAt = useAppState((s) => (s.summary.status === 'ready' ? s.summary.at : null));
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  return (
    <aside className="side-panel" aria-label="City figures and map controls">
      <KpiTiles />
      <IncidentTrend />
      <LayerControls />
      <footer className="panel-foot">
        {updatedAt
          ? `Updated ${formatTime(new Date(updatedAt), timeZone)} · refreshes every minute`
          : 'Loading figures…'}{' '}
        <span className="zh">{updatedAt ? '每分钟刷新' : '加载中'}</span>
      </footer>
    </aside>
  );
}
