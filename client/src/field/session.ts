/**
 * The worker's session on the phone: signed in once, kept in localStorage with the token (the
 * outbox needs it after a restart). A 401 later does not sign the worker out: what waits in the
 * outbox stays, and signing in again sends it.
 */
import { getToken, setToken } from '../api/http';
import { call } from '../api/fieldHttp';
import { fieldDb } from './outbox/db';
import { logout } from '../api/sessions';

export interface FieldSession {
  username: string;
  role: string;
  unit_id: number | null;
}

const KEY = 'gridboard.field.session';

export function loadFieldSession(): FieldSession | null {
  if (!getToken()) return null;
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as FieldSession | null;
    return raw && typeof raw.username === 'string' ? raw : null;
  } catch {
    return null;
  }
}

export async function signIn(username: string, password: string): Promise<FieldSession> {
  const a = await call<FieldSession & { token: string }>('/api/auth/login', { json: { username, password } });
  if (!a.body) {
    throw new Error(
      a.status === 401
        ? '用户名或密码不对 · Wrong username or password'
        : a.status === 0
          ? '没有网络，请到有信号处登录 · No connection: sign in where there is signal'
          : a.message,
    );
  }
  if ((a.body as { must_change_password?: boolean }).must_change_password) {
    throw new Error(
      '请先在电脑端登录页修改密码 · Your password must be changed first: sign in once on the console (/console) to choose your own',
    );
  }
  if (a.body.role !== 'worker' || a.body.unit_id === null) {
    throw new Error('此应用供网格员账号使用 · This app is for grid worker accounts (role worker, linked to a unit)');
  }
  const session = { username: a.body.username, role: a.body.role, unit_id: a.body.unit_id };
  saveFieldSession(a.body.token, session);
  return session;
}

/** Keep a worker's session for /m (also when they signed in on the console's login page). */
export function saveFieldSession(token: string, session: FieldSession): void {
  setToken(token);
  window.localStorage.setItem(KEY, JSON.stringify(session));
}

/**
 * Sign out: the token goes, and so do the copies of the worker's grid and tasks (IndexedDB, and
 * the service worker's cache of /api/me/grid), which are theirs alone. The outbox stays: each
 * item is sent only under the account that made it, when that worker signs in again. The server
 * ends the session too, so the token is refused even if a copy of it survives.
 */
export async function signOut(): Promise<void> {
  // End the session on the server while the token is still here (offline: it ends when it expires).
  logout().catch(() => {});
  setToken(null);
  window.localStorage.removeItem(KEY);
  await (await fieldDb()).clear('kv');
  if ('caches' in window) await caches.delete('field-grid');
}
