/**
 * `/data` (planners and admins): bring a city's data in and keep its registers.
 * - Import 导入: drop a file, choose layer, coordinate system, encoding and snap; Check 检查 runs
 *   the importer as a dry run and shows its rows on the map by outcome, the places that would
 *   break the map in red, the counts, the warnings (with their fixes) and the rows to filter;
 *   Import 导入 commits it. The history of imports with Undo 撤销.
 * - Registers 登记册: grid workers, patrol teams, key places, departments, categories and
 *   (admins) users, to search, add, change and delete.
 * - Channels 渠道 (admins): the public channels' Open311 keys, issued and revoked (ChannelsTab.tsx).
 * - Sessions 会话 (admins): live sessions ended, wall screen links issued and revoked (SessionsTab.tsx).
 * - Audit 审计 (admins): the audit trail, searched and downloaded, and its chain's state (AuditTab.tsx).
 */
import { useState } from 'react';
import { useAppState } from '../../state/store';
import { AuditTab } from './AuditTab';
import { ChannelsTab } from './ChannelsTab';
import { ImportView } from './ImportView';
import { SessionsTab } from './SessionsTab';
import { RegistersView } from './registers/RegistersView';
import '../../panels/side-panel.css';
import './data.css';
import './tables.css';

type Tab = 'import' | 'registers' | 'channels' | 'sessions' | 'audit';

/** The tabs in order: label, Chinese label, and whether only admins see it. */
const TABS: { id: Tab; label: string; zh: string; adminOnly: boolean }[] = [
  { id: 'import', label: 'Import & history', zh: '导入与历史', adminOnly: false },
  { id: 'registers', label: 'Registers', zh: '登记册', adminOnly: false },
  { id: 'channels', label: 'Channels', zh: '渠道', adminOnly: true },
  { id: 'sessions', label: 'Sessions', zh: '会话', adminOnly: true },
  { id: 'audit', label: 'Audit', zh: '审计', adminOnly: true },
];

export function DataPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const [tab, setTab] = useState<Tab>('import');
  if (role !== 'planner' && role !== 'admin')
    return (
      <div className="not-found" data-testid="data-page-forbidden">
        <h1>
          The Data page is for planners and administrators <span className="zh">仅规划员和管理员可用</span>
        </h1>
      </div>
    );
  return (
    <div className="data-page" data-testid="data-page">
      <nav className="data-tabs" role="tablist" aria-label="Data 数据">
        {TABS.filter((t) => !t.adminOnly || role === 'admin').map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : undefined}
            data-testid={`data-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label} <span className="zh">{t.zh}</span>
          </button>
        ))}
      </nav>
      {tab === 'import' ? (
        <ImportView />
      ) : tab === 'channels' ? (
        <ChannelsTab />
      ) : tab === 'sessions' ? (
        <SessionsTab />
      ) : tab === 'audit' ? (
        <AuditTab />
      ) : (
        <RegistersView role={role} />
      )}
    </div>
  );
}
