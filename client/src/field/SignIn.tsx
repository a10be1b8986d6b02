/** Sign in once: the session (and the outbox) stays on the phone until the worker signs out. */
import { useState } from 'react';
import { signIn, type FieldSession } from './session';
import { FormError } from './FormError';

export function SignIn({ onSignedIn, again }: { onSignedIn(s: FieldSession): void; again?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="field-form sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        signIn(username.trim(), password)
          .then(onSignedIn, (err: Error) => setError(err.message))
          .finally(() => setBusy(false));
      }}
    >
      <h1>网格员 · Grid worker</h1>
      {again && (
        <p className="hint">
          登录已过期，请再次登录；待发送的内容都还在 · Your session ended: sign in again, nothing waiting is lost
        </p>
      )}
      <label>
        用户名 Username
        <input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} name="username" />
      </label>
      <label>
        密码 Password
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="password"
        />
      </label>
      <FormError error={error} />
      <button type="submit" className="big-button primary" disabled={busy || !username || !password}>
        {busy ? '登录中… · Signing in…' : '登录 · Sign in'}
      </button>
    </form>
  );
}
