/**
 * The phone's own database (IndexedDB through `idb`): what waits to be sent and the last copy of
 * what the worker needs offline. It outlives a reload, a closed browser and a phone restart.
 *
 * - `outbox`: reports, task actions and visits, in the order they were made (auto-increment
 *   `seq`), each under the UUID the server stores it by, with its photos as Blobs until they
 *   are uploaded (then their media ids are kept instead, so a retry does not upload again).
 * - `fixes`: GPS fixes recorded on duty, sent in batches.
 * - `kv`: the last grid, tasks and categories seen, for a phone without signal.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OutboxKind = 'report' | 'action' | 'visit';

/** A photo waiting in the outbox: its bytes until uploaded, then the server's media id. */
export interface OutboxPhoto {
  blob?: Blob;
  media_id?: string;
  name: string;
}

export interface OutboxItem {
  seq?: number;
  kind: OutboxKind;
  /** The UUID the server stores the item by (the incident's, the visit's) or the task's id. */
  id: string;
  /** The JSON body, without photos (they are added when sent). */
  body: Record<string, unknown>;
  photos: OutboxPhoto[];
  /** Short words for the outbox list. */
  title: string;
  /** Who made it (a task step is recognised in the incident's history by its actor). */
  actor?: string;
  created_at: number;
  attempts: number;
  /** `waiting` until sent; `refused` when the server said no for good (kept, with the reason). */
  state: 'waiting' | 'refused';
  last_error: string | null;
}

export interface StoredFix {
  key?: number;
  unit: number;
  lon: number;
  lat: number;
  t: number;
  accuracy?: number;
  speed?: number;
}

interface FieldDB extends DBSchema {
  outbox: { key: number; value: OutboxItem; indexes: { by_id: string } };
  fixes: { key: number; value: StoredFix };
  kv: { key: string; value: unknown };
}

const DB_NAME = 'gridboard-field';
let dbPromise: Promise<IDBPDatabase<FieldDB>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDB>> {
  dbPromise ??= openDB<FieldDB>(DB_NAME, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('by_id', 'id');
      db.createObjectStore('fixes', { keyPath: 'key', autoIncrement: true });
      db.createObjectStore('kv');
    },
  });
  return dbPromise;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await fieldDb()).get('kv', key)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await fieldDb()).put('kv', value, key);
}
