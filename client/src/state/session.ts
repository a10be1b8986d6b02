/** Keeps the signed-in user across reloads: the token (read by the HTTP client) and who it is. */
import { getToken, setToken } from '../api/http';
import type { Role } from '../api/types';
import { ROLES } from '../../../server/src/contract/vocabulary.ts';
import type { Session } from './model';

const USER_KEY = 'gridboard.user';

export function loadSession(): Session | null {
  const token = getToken();
  if (!token) return null;
  let role: Role = 'wall';
  let username = '';
  try {
    const raw = JSON.parse(window.localStorage.getItem(USER_KEY) ?? '{}') as { role?: unknown; username?: unknown };
    if (typeof raw.role === 'string' && (ROLES as readonly string[]).includes(raw.role)) role = raw.role as Role;
    if (typeof raw.username === 'string') username = raw.username;
  } catch {
    // Missing or damaged: show the session without a name; the token still decides access.
  }
  return { token, role, username };
}

export function saveSession(session: Session | null): void {
  setToken(session?.token ?? null);
  try {
    if (session)
      window.localStorage.setItem(USER_KEY, JSON.stringify({ role: session.role, username: session.username }));
    else window.localStorage.removeItem(USER_KEY);
  } catch {
    // Storage unavailable: the session lasts as long as the page.
  }
}
