/**
 * The Data page's Channels 渠道 tab (admins): the public channels' Open311 keys — issue one (the
 * key is shown once, to copy into the hotline or mini-program system), see each key's prefix,
 * requests and last use, and revoke a key (its next request is refused).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  CHANNEL_SOURCES,
  issueChannel,
  listChannels,
  revokeChannel,
  type Channel,
  type ChannelSource,
} from '../../api/channels';
import { ApiError } from '../../api/http';
import { dateTime } from '../../app/durations';
import { name } from '../../app/labels';
import { useAppState } from '../../state/store';
import { SOURCE_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import './registers/registers.css';

const reason = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

export function ChannelsTab() {
  // Times in the city's zone, as the rest of the product shows them.
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const when = (iso: string | null) => (iso ? dateTime(iso, timeZone) : '—');
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const [channelName, setChannelName] = useState('');
  const [source, setSource] = useState<ChannelSource>('hotline');
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async (signal?: AbortSignal) => {
    try {
      setChannels(await listChannels(signal));
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
    if (!channelName.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await issueChannel(channelName.trim(), source);
      setIssued({ name: r.channel.name, key: r.key });
      setChannelName('');
      await reload();
    } catch (err) {
      setProblem(reason(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (c: Channel) => {
    if (!window.confirm(`Revoke the key of ${c.name}? Its next request will be refused. 确认吊销？`)) return;
    setProblem(null);
    try {
      await revokeChannel(c.id);
      if (issued?.name === c.name) setIssued(null);
      await reload();
    } catch (err) {
      setProblem(reason(err));
    }
  };

  return (
    <div className="data-registers" data-testid="channels-tab">
      <div className="reg-register">
        <form className="reg-form" data-testid="channel-form" onSubmit={(e) => void issue(e)}>
          <label className="data-field">
            <span>Channel name 渠道名称 *</span>
            <input
              name="channel-name"
              value={channelName}
              maxLength={64}
              placeholder="e.g. 12345 热线"
              onChange={(e) => setChannelName(e.target.value)}
            />
          </label>
          <label className="data-field">
            <span>Source 来源</span>
            <select name="channel-source" value={source} onChange={(e) => setSource(e.target.value as ChannelSource)}>
              {CHANNEL_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {name(SOURCE_NAMES, s).en} {name(SOURCE_NAMES, s).zh}
                </option>
              ))}
            </select>
          </label>
          <div className="reg-form-actions">
            <button
              type="submit"
              className="btn-primary"
              disabled={busy || !channelName.trim()}
              data-testid="channel-issue"
            >
              Issue key 签发密钥
            </button>
          </div>
        </form>
        {issued && (
          <div className="notice notice-warn" role="status" data-testid="channel-key">
            The api_key of {issued.name}, shown only now: copy it into the channel’s system.
            密钥仅显示一次，请复制保存。
            <input
              readOnly
              className="data-search"
              style={{ width: '34em', maxWidth: '100%', fontFamily: 'monospace' }}
              value={issued.key}
              data-testid="channel-key-value"
              onFocus={(e) => e.target.select()}
            />
            <button type="button" className="btn-ghost" onClick={() => setIssued(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        {problem && (
          <div className="notice notice-error" role="alert" data-testid="channel-problem">
            {problem}
          </div>
        )}
        <div className="data-table-scroll">
          <table className="data-table reg-table" data-testid="channel-table">
            <thead>
              <tr>
                <th>Name 名称</th>
                <th>Source 来源</th>
                <th>Key 密钥</th>
                <th className="num">Requests 请求</th>
                <th>Last used 最近使用</th>
                <th>Issued 签发</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {channels?.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted data-empty">
                    No channel yet: issue a key for the 12345 hotline or a mini-program. 暂无渠道
                  </td>
                </tr>
              )}
              {channels?.map((c) => (
                <tr key={c.id} data-testid="channel-row" data-name={c.name} data-revoked={c.revoked_at !== null}>
                  <td>{c.name}</td>
                  <td>
                    {name(SOURCE_NAMES, c.source).en} <span className="zh">{name(SOURCE_NAMES, c.source).zh}</span>
                  </td>
                  <td>
                    <code>{c.key_prefix}…</code>
                  </td>
                  <td className="num">{c.requests.toLocaleString()}</td>
                  <td>{when(c.last_used_at)}</td>
                  <td>
                    {when(c.created_at)} <span className="muted">· {c.created_by}</span>
                  </td>
                  <td className="reg-actions">
                    {c.revoked_at ? (
                      <span className="muted" title={c.revoked_at}>
                        Revoked 已吊销
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="btn-ghost reg-delete"
                        data-testid="channel-revoke"
                        onClick={() => void revoke(c)}
                      >
                        Revoke 吊销
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
