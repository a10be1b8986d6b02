/**
 * The Data page's Audit 审计 tab (admins): who did what, when, from where. Filters (user, action,
 * dates, text), a page of rows newest first with "Older" paging, CSV/XLSX downloads of what the
 * filters match (each download is itself recorded), and the hash chain's state.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  AUDIT_ACTIONS,
  downloadAudit,
  searchAudit,
  verifyAudit,
  type AuditAction,
  type AuditFilters,
  type AuditRowT,
  type ChainStatusT,
} from '../../api/audit';
import { ApiError } from '../../api/http';
import { dateTime } from '../../app/durations';
import { useAppState } from '../../state/store';
import './registers/registers.css';

const PAGE = 50;
const reason = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));
/** A date input's day as the start of that day (from) or of the next (to), in the browser's zone. */
const dayStart = (day: string, plusDays = 0) => {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};
const ids = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v && typeof v === 'object' ? JSON.stringify(v) : '');

function ChainState({ chain }: { chain: ChainStatusT | null }) {
  if (!chain) return <span className="muted">Checking the chain… 校验中</span>;
  return chain.ok ? (
    <span className="notice compact" data-testid="audit-chain" data-ok="true">
      Chain intact: {chain.checked.toLocaleString()} rows checked 链完整
    </span>
  ) : (
    <span className="notice compact notice-error" data-testid="audit-chain" data-ok="false">
      Broken at #{chain.first_broken_seq} 审计链断裂
    </span>
  );
}

export function AuditTab() {
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const [draft, setDraft] = useState({ user: '', action: '', q: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [pages, setPages] = useState<number[]>([]); // before_seq of each page shown after the first
  const [rows, setRows] = useState<AuditRowT[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  const [chain, setChain] = useState<ChainStatusT | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const page = await searchAudit(filters, { limit: PAGE, before_seq: pages[pages.length - 1] }, signal);
        setRows(page.items);
        setTotal(page.total);
        setNext(page.next_before_seq);
        setProblem(null);
      } catch (err) {
        if (!signal?.aborted) setProblem(reason(err));
      }
    },
    [filters, pages],
  );
  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    return () => ac.abort();
  }, [load]);
  useEffect(() => {
    const ac = new AbortController();
    verifyAudit(ac.signal).then(setChain, (err: unknown) => !ac.signal.aborted && setProblem(reason(err)));
    return () => ac.abort();
  }, []);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPages([]);
    setFilters({
      user: draft.user.trim() || undefined,
      action: (draft.action || undefined) as AuditAction | undefined,
      q: draft.q.trim() || undefined,
      from: dayStart(draft.from),
      to: dayStart(draft.to, 1),
    });
  };
  const download = (format: 'csv' | 'xlsx') =>
    downloadAudit(filters, format).catch((err: unknown) => setProblem(reason(err)));
  const field = (k: keyof typeof draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });

  return (
    <div className="data-registers" data-testid="audit-tab">
      <div className="reg-register">
        <form className="reg-form" data-testid="audit-filters" onSubmit={apply}>
          <label className="data-field">
            <span>User 用户</span>
            <input name="audit-user" maxLength={64} {...field('user')} />
          </label>
          <label className="data-field">
            <span>Action 操作</span>
            <select name="audit-action" {...field('action')}>
              <option value="">All 全部</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="data-field">
            <span>From 起</span>
            <input type="date" name="audit-from" {...field('from')} />
          </label>
          <label className="data-field">
            <span>To 止</span>
            <input type="date" name="audit-to" {...field('to')} />
          </label>
          <label className="data-field">
            <span>Text 文本</span>
            <input name="audit-q" maxLength={200} placeholder="address, route, id…" {...field('q')} />
          </label>
          <div className="reg-form-actions">
            <button type="submit" className="btn-primary" data-testid="audit-search">
              Search 查询
            </button>
            <button type="button" className="btn-ghost" data-testid="audit-csv" onClick={() => void download('csv')}>
              CSV
            </button>
            <button type="button" className="btn-ghost" data-testid="audit-xlsx" onClick={() => void download('xlsx')}>
              XLSX
            </button>
          </div>
        </form>
        <div className="data-table-head">
          <ChainState chain={chain} />{' '}
          <span className="muted" data-testid="audit-total">
            {total.toLocaleString()} rows 条
          </span>
        </div>
        {problem && (
          <div className="notice notice-error" role="alert" data-testid="audit-problem">
            {problem}
          </div>
        )}
        <div className="data-table-scroll">
          <table className="data-table reg-table" data-testid="audit-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Time 时间</th>
                <th>User 用户</th>
                <th>Role 角色</th>
                <th>From 来源</th>
                <th>Action 操作</th>
                <th>Route 路由</th>
                <th>Target 对象</th>
                <th className="num">Status 状态</th>
              </tr>
            </thead>
            <tbody>
              {rows?.length === 0 && (
                <tr>
                  <td colSpan={9} className="muted data-empty">
                    Nothing matches. 无匹配记录
                  </td>
                </tr>
              )}
              {rows?.map((r) => (
                <tr key={r.seq} data-testid="audit-row" data-action={r.action} title={JSON.stringify(r.detail)}>
                  <td className="num">{r.seq}</td>
                  <td>{dateTime(r.at, timeZone)}</td>
                  <td>{r.actor ?? (typeof r.detail.username === 'string' ? `(${r.detail.username})` : '—')}</td>
                  <td>{r.role ?? '—'}</td>
                  <td title={r.user_agent ?? ''}>{r.ip ?? '—'}</td>
                  <td>{r.action}</td>
                  <td>
                    <code>
                      {r.method} {r.route}
                    </code>
                  </td>
                  <td>
                    {r.target_kind} {ids(r.target_ids)}
                    {(r.before !== null || r.after !== null) && (
                      <span className="muted">
                        {' '}
                        {ids(r.before)} → {ids(r.after)}
                      </span>
                    )}
                  </td>
                  <td className="num">{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="reg-pager">
          <button
            type="button"
            className="btn-ghost"
            disabled={pages.length === 0}
            onClick={() => setPages(pages.slice(0, -1))}
          >
            ← Newer 较新
          </button>
          <button
            type="button"
            className="btn-ghost"
            data-testid="audit-older"
            disabled={next === null}
            onClick={() => next !== null && setPages([...pages, next])}
          >
            Older 较早 →
          </button>
        </div>
      </div>
    </div>
  );
}
