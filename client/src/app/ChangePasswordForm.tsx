/**
 * Shown after signing in with a password someone else chose (the generated first admin's, or an
 * admin's reset): the server allows nothing but the change until it is done. The password just
 * typed is the current one; the new one is checked by the server's password policy, whose
 * reason is shown as it comes.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, setToken } from '../api/http';
import { changePassword } from '../api/sessions';

export function ChangePasswordForm({
  token,
  username,
  current,
  onChanged,
}: {
  token: string;
  username: string;
  current: string;
  onChanged: () => void;
}) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== again) return setError('The two passwords differ. 两次输入的密码不一致');
    setBusy(true);
    setError(null);
    try {
      setToken(token);
      await changePassword(current, next);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="login-card" onSubmit={(e) => void submit(e)} noValidate data-testid="change-password">
      <h1>
        Choose your own password <span className="zh">请设置新密码</span>
      </h1>
      <div className="notice notice-warn" role="status">
        {username}: this password was set for you. Choose your own before you continue.{' '}
        <span className="zh">此密码由他人设置，请先修改</span>
      </div>
      {error && (
        <div className="notice notice-error" role="alert" data-testid="change-password-error">
          {error}
        </div>
      )}
      <label className="field">
        <span className="field-label">
          New password <span className="zh">新密码</span>
        </span>
        <input
          data-testid="new-password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          autoFocus
          value={next}
          onChange={(e) => setNext(e.target.value)}
          disabled={busy}
        />
      </label>
      <label className="field">
        <span className="field-label">
          Repeat it <span className="zh">再次输入</span>
        </span>
        <input
          data-testid="new-password-again"
          name="new-password-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          disabled={busy}
        />
      </label>
      <button type="submit" className="btn-primary login-submit" data-testid="change-password-submit" disabled={busy}>
        {busy ? 'Saving… 保存中' : 'Change password 修改密码'}
      </button>
    </form>
  );
}
