/**
 * The Data page's Sessions 会话 tab (admins): every live session (who, where from, last seen),
 * each of which can be ended at once, and the wall screens: issue a link for a screen (shown
 * once, to open on that screen) and revoke a screen (its display returns to the sign-in page).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/http';
import { endSession, issueWallScreen, listSessions, revokeWallScreen, type LiveSession } from '../../api/sessions';
import { dateTime } from '../../app/durations';
import { useAppState } from '../../state/store';
import './registers/registers.css';

const reason = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

export function SessionsTab() {
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const when = (iso: string | null) => (iso ? dateTime(iso, timeZone) : '—');
  const [sessions, setSessions] = useState<LiveSession[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ screen: string; url: string } | null>(null);
  const [wallUser, setWallUser] = useState('');
  const [screen, setScreen] = useState('');
  const [days, setDays] = useState(90);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async (signal?: AbortSignal) => {
    try {
      setSessions(await listSessions(signal));
    } catch (err) {
      if (!signal?.aborted) setProblem(reason(err));
    }
  }, []);
  useEffect(() => {
    const ac = new AbortController();
    void reload(ac.signal);
    return () => ac.abort();
  }, [reload]);

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const r = await issueWallScreen(wallUser.trim(), screen.trim(), days);
      setIssued({ screen: r.screen, url: new URL(r.path, window.location.origin).href });
      setScreen('');
      await reload();
    } catch (err) {
      setProblem(reason(err));
    } finally {
      setBusy(false);
    }
  };

  const end = async (s: LiveSession) => {
    const what = s.kind === 'wall' ? `the wall screen "${s.screen}"` : `${s.username}'s session`;
    if (!window.confirm(`End ${what}? It is signed out at once. 确认结束？`)) return;
    setProblem(null);
    try {
      await (s.kind === 'wall' ? revokeWallScreen(s.id) : endSession(s.id));
      await reload();
    } catch (err) {
      setProblem(reason(err));
    }
  };

  return (
    <div className="data-registers" data-testid="sessions-tab">
      <div className="reg-register">
        <form className="reg-form" data-testid="wall-screen-form" onSubmit={(e) => void issue(e)}>
          <label className="data-field">
            <span>Wall user 大屏账号 *</span>
            <input name="wall-user" value={wallUser} maxLength={64} onChange={(e) => setWallUser(e.target.value)} />
          </label>
          <label className="data-field">
            <span>Screen 屏幕 *</span>
            <input
              name="wall-screen"
              value={screen}
              maxLength={64}
              placeholder="e.g. Command hall, left"
              onChange={(e) => setScreen(e.target.value)}
            />
          </label>
          <label className="data-field">
            <span>Days 天数</span>
            <input
              name="wall-days"
              type="number"
              min={1}
              max={366}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            />
          </label>
          <div className="reg-form-actions">
            <button
              type="submit"
              className="btn-primary"
              disabled={busy || !wallUser.trim() || !screen.trim()}
              data-testid="wall-screen-issue"
            >
              Issue screen link 签发大屏链接
            </button>
          </div>
        </form>
        {issued && (
          <div className="notice notice-warn" role="status" data-testid="wall-screen-link">
            The link for {issued.screen}, shown only now: open it once on that screen. 链接仅显示一次。
            <input
              readOnly
              className="data-search"
              style={{ width: '34em', maxWidth: '100%', fontFamily: 'monospace' }}
              value={issued.url}
              onFocus={(e) => e.target.select()}
            />
            <button type="button" className="btn-ghost" onClick={() => setIssued(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        {problem && (
          <div className="notice notice-error" role="alert" data-testid="sessions-problem">
            {problem}
          </div>
        )}
        <div className="data-table-scroll">
          <table className="data-table reg-table" data-testid="sessions-table">
            <thead>
              <tr>
                <th>User 用户</th>
                <th>Kind 类型</th>
                <th>Signed in 登录</th>
                <th>Last seen 最近活动</th>
                <th>Address 地址</th>
                <th>Browser 浏览器</th>
                <th>Expires 到期</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions?.map((s) => (
                <tr key={s.id} data-testid="session-row" data-user={s.username} data-kind={s.kind}>
                  <td>
                    {s.username} <span className="muted">· {s.role}</span>
                  </td>
                  <td>{s.kind === 'wall' ? `Wall screen 大屏: ${s.screen}` : 'Sign-in 登录'}</td>
                  <td>{when(s.created_at)}</td>
                  <td>{when(s.last_seen_at)}</td>
                  <td>{s.ip ?? '—'}</td>
                  <td title={s.user_agent ?? ''}>{(s.user_agent ?? '—').slice(0, 40)}</td>
                  <td>{when(s.expires_at)}</td>
                  <td className="reg-actions">
                    {s.current ? (
                      <span className="muted">This session 当前</span>
                    ) : (
                      <button
                        type="button"
                        className="btn-ghost reg-delete"
                        data-testid="session-end"
                        onClick={() => void end(s)}
                      >
                        {s.kind === 'wall' ? 'Revoke 吊销' : 'End 结束'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
