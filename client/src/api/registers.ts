/**
 * Typed calls of the registers (`/api/{workers,units,key-places,departments,categories,users}`):
 * a page of records matching a search, create, change and delete at a version (a stale one is a
 * 409), and a user's new password. Types from server/src/contract/registers.ts.
 */
import type {
  Category,
  Department,
  KeyPlace,
  RegisterName,
  Unit,
  User,
  Worker,
} from '../../../server/src/contract/registers.ts';
import { request } from './http';

export type { Category, Department, KeyPlace, RegisterName, Unit, User, Worker };

/** A record of any register: every one has an id and a version. */
export interface RegisterRecord {
  id: number;
  version: number;
  [field: string]: unknown;
}

export interface RegisterPage {
  items: RegisterRecord[];
  /** Records matching the search, all pages. */
  total: number;
}

export function listRegister(
  name: RegisterName,
  q: { q?: string; limit?: number; offset?: number },
  signal?: AbortSignal,
): Promise<RegisterPage> {
  return request<RegisterPage>(`/api/${name}`, {
    query: { q: q.q || undefined, limit: q.limit ?? 100, offset: q.offset ?? 0 },
    signal,
  });
}

export function createRecord(name: RegisterName, body: Record<string, unknown>): Promise<RegisterRecord> {
  return request<RegisterRecord>(`/api/${name}`, { method: 'POST', body });
}

/** Changes the fields given; `version` is the one the change was based on. */
export function updateRecord(
  name: RegisterName,
  id: number,
  body: Record<string, unknown> & { version: number },
): Promise<RegisterRecord> {
  return request<RegisterRecord>(`/api/${name}/${id}`, { method: 'PUT', body });
}

export function deleteRecord(name: RegisterName, id: number, version: number): Promise<{ deleted: number }> {
  return request<{ deleted: number }>(`/api/${name}/${id}`, { method: 'DELETE', query: { version } });
}

/** `POST /api/users/{id}/password` (admins). */
export function setUserPassword(id: number, password: string, version: number): Promise<User> {
  return request<User>(`/api/users/${id}/password`, { method: 'POST', body: { password, version } });
}

/**
 * A grid's id from its code, for assigning a worker by code: `GET /api/grids/{id}` is by id only,
 * so the city's grids are listed (once per call) and matched by code.
 */
export function findGridByCode(code: string, signal?: AbortSignal): Promise<{ id: number; code: string } | null> {
  return request<{ features: { id?: number; properties: { id: number; code: string } }[] }>('/api/grids', {
    signal,
  }).then((fc) => {
    const f = fc.features.find((x) => x.properties.code === code);
    return f ? { id: f.properties.id, code: f.properties.code } : null;
  });
}
