/**
 * The grid worker's phone app (/m): signed in once, five tabs (grid, report, tasks, visits, on
 * duty), and in the header the outbox ("3 条待发送 · 3 waiting to send") and whether the phone is
 * online. Works without signal: what the worker makes waits in IndexedDB and is sent in order.
 */
import { useCallback, useEffect, useState } from 'react';
import { onUnauthorized } from '../api/http';
import { DutyTab } from './DutyTab';
import { startDuty } from './duty';
import { GridTab } from './GridTab';
import { outboxLabel } from './outbox/verdict';
import { flush, startOutbox } from './outbox/outbox';
import { OutboxSheet } from './OutboxSheet';
import { ReportTab } from './ReportTab';
import { loadFieldSession, signOut, type FieldSession } from './session';
import { SignIn } from './SignIn';
import { TasksTab } from './TasksTab';
import { useFieldData } from './useFieldData';
import { useOutbox } from './useOutbox';
import { VisitsTab } from './VisitsTab';

const TABS = [
  { id: 'grid', zh: '网格', en: 'Grid' },
  { id: 'report', zh: '上报', en: 'Report' },
  { id: 'tasks', zh: '任务', en: 'Tasks' },
  { id: 'visits', zh: '走访', en: 'Visits' },
  { id: 'duty', zh: '在岗', en: 'Duty' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

function Signed({ session, onSignIn }: { session: FieldSession; onSignIn(): void }) {
  const [tab, setTab] = useState<TabId>(() => (location.hash.slice(1) as TabId) || 'grid');
  const [sheet, setSheet] = useState(false);
  const data = useFieldData(session, onSignIn);
  const outbox = useOutbox();
  const online = useOnline();

  useEffect(() => {
    history.replaceState(null, '', `#${tab}`);
  }, [tab]);
  useEffect(() => {
    if (outbox.needSignIn) onSignIn();
  }, [outbox.needSignIn, onSignIn]);

  return (
    <div className="field-app">
      <header className="field-header">
        <div>
          <strong>{data.grid?.unit.name ?? session.username}</strong>
          <span className={online && data.live ? 'dot on' : 'dot'} title={online ? '在线 Online' : '离线 Offline'} />
          <span className="hint">{online ? (data.live ? '在线 Online' : '连接中 Connecting') : '离线 Offline'}</span>
        </div>
        <button
          type="button"
          className={outbox.waiting || outbox.refused.length ? 'outbox-badge waiting' : 'outbox-badge'}
          onClick={() => setSheet(true)}
          data-testid="outbox-badge"
        >
          {outbox.refused.length > 0 && `${outbox.refused.length} 条被拒 refused · `}
          {outboxLabel(outbox.waiting, outbox.fixes)}
        </button>
      </header>
      {data.notice && (
        <p className="notice" role="status" data-testid="notice">
          {data.notice}
        </p>
      )}
      <main className="field-main">
        {tab === 'grid' && <GridTab data={data} />}
        {tab === 'report' && <ReportTab data={data} username={session.username} />}
        {tab === 'tasks' && <TasksTab data={data} username={session.username} />}
        {tab === 'visits' && <VisitsTab data={data} username={session.username} />}
        {tab === 'duty' && <DutyTab data={data} />}
      </main>
      <nav className="field-nav">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            className={t.id === tab ? 'on' : ''}
            aria-current={t.id === tab ? 'page' : undefined}
            onClick={() => setTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            <span>{t.zh}</span>
            <small>
              {t.en}
              {t.id === 'tasks' && data.tasks.length > 0 && ` (${data.tasks.length})`}
            </small>
          </button>
        ))}
      </nav>
      {sheet && <OutboxSheet onClose={() => setSheet(false)} />}
      <button
        type="button"
        className="sign-out"
        onClick={() => {
          if (
            outbox.waiting &&
            !confirm('还有内容未发送，退出后仍保留在本机。确定退出？ Items still wait; sign out anyway?')
          )
            return;
          void signOut().then(() => location.reload());
        }}
      >
        退出 Sign out
      </button>
    </div>
  );
}

export function FieldApp() {
  const [session, setSession] = useState<FieldSession | null>(loadFieldSession);
  const [expired, setExpired] = useState(false);
  const expire = useCallback(() => setExpired(true), []);

  useEffect(() => startOutbox(), []);
  useEffect(() => startDuty(session?.unit_id ?? null), [session]);
  // Signed in (again, or as someone else): send what waits under this account.
  useEffect(() => {
    if (session) void flush();
  }, [session]);
  useEffect(() => {
    onUnauthorized(expire);
    return () => onUnauthorized(null);
  }, [expire]);

  if (!session || expired)
    return (
      <SignIn
        again={expired}
        onSignedIn={(s) => {
          setSession(s);
          setExpired(false);
        }}
      />
    );
  return <Signed session={session} onSignIn={expire} />;
}
