/** Typed calls for every endpoint the client uses. Components never call `fetch` themselves. */
import { request } from './http';
import type { CitySummary, GridDetail, IncidentCollection, LoginResponse } from './types';

export function login(username: string, password: string, signal?: AbortSignal): Promise<LoginResponse> {
  return request<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    auth: false,
    signal,
  });
}

export function fetchSummary(signal?: AbortSignal): Promise<CitySummary> {
  return request<CitySummary>('/api/summary', { signal });
}

export function fetchGrid(id: number, signal?: AbortSignal): Promise<GridDetail> {
  return request<GridDetail>(`/api/grids/${encodeURIComponent(String(id))}`, { signal });
}

/** Incidents reported since `since` (newest first as the server orders them), at most `limit`. */
export function fetchIncidents(since: Date, limit: number, signal?: AbortSignal): Promise<IncidentCollection> {
  return request<IncidentCollection>('/api/incidents', {
    query: { since: since.toISOString(), limit },
    signal,
  });
}
