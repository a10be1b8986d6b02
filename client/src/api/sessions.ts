/**
 * Typed calls of sessions: sign out, change one's password, exchange a wall link, and (admins)
 * the live sessions and wall screens, listed and ended.
 */
import type { Static } from 'typebox';
import type { SessionSchema } from '../../../server/src/contract/auth.ts';
import { request } from './http';

export type LiveSession = Static<typeof SessionSchema>;

/** Ends this session on the server (its token stops working); call before forgetting the token. */
export function logout(): Promise<{ ended: boolean }> {
  return request<{ ended: boolean }>('/api/auth/logout', { method: 'POST' });
}

export function changePassword(current: string, next: string): Promise<{ changed: boolean; ended_sessions: number }> {
  return request('/api/auth/password', { method: 'POST', body: { current, new: next } });
}

/** A wall link's token for a bearer token of the screen's session. */
export function exchangeWallLink(
  token: string,
): Promise<{ token: string; role: 'wall'; username: string; screen: string; expiresAt: string }> {
  return request('/api/auth/wall', { method: 'POST', body: { token }, auth: false });
}

export async function listSessions(signal?: AbortSignal): Promise<LiveSession[]> {
  return (await request<{ sessions: LiveSession[] }>('/api/sessions', { signal })).sessions;
}

export function endSession(id: string): Promise<{ ended: string }> {
  return request(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function listWallScreens(signal?: AbortSignal): Promise<LiveSession[]> {
  return (await request<{ sessions: LiveSession[] }>('/api/wall/tokens', { signal })).sessions;
}

export function issueWallScreen(
  username: string,
  screen: string,
  days: number,
): Promise<{ id: string; screen: string; token: string; path: string; expiresAt: string }> {
  return request('/api/wall/tokens', { method: 'POST', body: { username, screen, days } });
}

export function revokeWallScreen(id: string): Promise<{ ended: string }> {
  return request(`/api/wall/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
