import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { login } from '../api/endpoints';
import type { LoginResponse } from '../api/types';
import { ChangePasswordForm } from './ChangePasswordForm';
import type { Session } from '../state/model';
import './login.css';
import { saveFieldSession } from '../field/session';

/** Messages for what can go wrong at sign-in, in both languages. */
function loginErrorMessage(err: unknown): { en: string; zh: string } {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'bad_credentials':
        return { en: 'Unknown user or wrong password.', zh: '用户名或密码错误' };
      case 'rate_limited':
        return { en: 'Too many attempts. Wait a minute and try again.', zh: '尝试次数过多，请稍后再试' };
      case 'network':
        return { en: 'The server cannot be reached. Check the connection.', zh: '无法连接服务器' };
      case 'forbidden':
        return { en: 'This account is disabled.', zh: '账号已停用' };
      default:
        if (err.status === 401) return { en: 'Unknown user or wrong password.', zh: '用户名或密码错误' };
        if (err.status >= 500)
          return { en: `The server failed (${err.status}). Try again shortly.`, zh: '服务器错误，请稍后再试' };
        return { en: err.message, zh: '' };
    }
  }
  return { en: err instanceof Error ? err.message : String(err), zh: '' };
}

export function LoginPage({ onSignedIn, expired }: { onSignedIn: (session: Session) => void; expired: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ en: string; zh: string } | null>(null);
  // Signed in with a password someone else chose: the change comes first.
  const [mustChange, setMustChange] = useState<LoginResponse | null>(null);

  function proceed(res: LoginResponse) {
    if (res.role === 'worker') {
      // A grid worker's account is for the phone app: take them there, signed in.
      saveFieldSession(res.token, { username: res.username, role: res.role, unit_id: res.unit_id ?? null });
      window.location.assign('/m/');
      return;
    }
    onSignedIn({ token: res.token, role: res.role, username: res.username || username.trim() });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError({ en: 'Enter both username and password.', zh: '请输入用户名和密码' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await login(username.trim(), password);
      if (res.must_change_password) {
        setMustChange(res);
        setBusy(false);
        return;
      }
      proceed(res);
    } catch (err) {
      setError(loginErrorMessage(err));
      setBusy(false);
    }
  }

  if (mustChange)
    return (
      <div className="login-page">
        <div className="login-backdrop" aria-hidden="true" />
        <ChangePasswordForm
          token={mustChange.token}
          username={mustChange.username}
          current={password}
          onChanged={() => proceed({ ...mustChange, must_change_password: false })}
        />
      </div>
    );

  return (
    <div className="login-page">
      <div className="login-backdrop" aria-hidden="true" />
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-brand">
          <svg className="brand-mark large" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="1" y="1" width="22" height="22" rx="4" />
            <path d="M1 8.5h22M1 15.5h22M8.5 1v22M15.5 1v22" />
          </svg>
          <div>
            <h1>
              Gridboard <span className="zh">网格指挥</span>
            </h1>
            <p className="login-tagline">
              Grid governance command centre
              <br />
              <span className="zh">网格化管理指挥中心</span>
            </p>
          </div>
        </div>

        {expired && !error && (
          <div className="notice notice-warn" role="status">
            Your session has ended. Please sign in again. <span className="zh">登录已失效，请重新登录</span>
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert" data-testid="login-error">
            {error.en} {error.zh && <span className="zh">{error.zh}</span>}
          </div>
        )}

        <label className="field">
          <span className="field-label">
            Username <span className="zh">用户名</span>
          </span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
          />
        </label>
        <label className="field">
          <span className="field-label">
            Password <span className="zh">密码</span>
          </span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
          />
        </label>
        <button type="submit" className="btn-primary login-submit" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in… 登录中' : 'Sign in 登录'}
        </button>
        <p className="login-foot">Intranet system · authorised staff only 内网系统 · 仅限授权人员</p>
      </form>
    </div>
  );
}
