/**
 * The outbox: everything the worker makes (reports, task steps, visits, GPS fixes) is written to
 * IndexedDB first and sent from there, oldest first, whenever the network allows. Each item
 * carries the UUID the server stores it by, so a resend after a lost answer is stored once.
 * Photos are uploaded first (`POST /api/media`) and their ids kept in the item, so a retry does
 * not upload them again.
 */
import { call } from '../../api/fieldHttp';
import { fieldDb, type OutboxItem, type OutboxPhoto, type StoredFix } from './db';
import { retryDelaySeconds, verdictOf, type Verdict } from './verdict';
import { alreadyApplied } from './actions';
import { loadFieldSession } from '../session';

export interface OutboxState {
  waiting: number;
  refused: OutboxItem[];
  items: OutboxItem[];
  fixes: number;
  sending: boolean;
  needSignIn: boolean;
  lastError: string | null;
}

type Listener = (s: OutboxState) => void;
const listeners = new Set<Listener>();
let state: OutboxState = {
  waiting: 0,
  refused: [],
  items: [],
  fixes: 0,
  sending: false,
  needSignIn: false,
  lastError: null,
};

export function outboxState(): OutboxState {
  return state;
}

export function subscribeOutbox(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function set(patch: Partial<OutboxState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

/** Read the counts again from IndexedDB (after a change, and at start). */
export async function refreshOutbox(): Promise<void> {
  const db = await fieldDb();
  const items = await db.getAll('outbox');
  set({
    items,
    waiting: items.filter((i) => i.state === 'waiting').length,
    refused: items.filter((i) => i.state === 'refused'),
    fixes: await db.count('fixes'),
  });
}

export async function enqueue(
  item: Omit<OutboxItem, 'seq' | 'attempts' | 'state' | 'last_error' | 'created_at'>,
): Promise<void> {
  const db = await fieldDb();
  await db.add('outbox', { ...item, created_at: Date.now(), attempts: 0, state: 'waiting', last_error: null });
  await refreshOutbox();
  void flush();
}

export async function enqueueFixes(fixes: StoredFix[]): Promise<void> {
  const db = await fieldDb();
  const tx = db.transaction('fixes', 'readwrite');
  for (const f of fixes) await tx.store.add(f);
  await tx.done;
  await refreshOutbox();
}

/** Forget a refused item once the worker has read why. */
export async function discard(seq: number): Promise<void> {
  await (await fieldDb()).delete('outbox', seq);
  await refreshOutbox();
}

let running: Promise<void> | null = null;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Send what waits, in order. One flush at a time: a call while one runs (a new report saved
 * meanwhile) makes it run once more when it ends, so nothing saved waits for the next tick.
 */
let again = false;
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = doFlush().finally(() => {
    running = null;
    if (again) {
      again = false;
      void flush();
    }
  });
  return running;
}

function scheduleRetry() {
  if (timer) clearTimeout(timer);
  failures += 1;
  timer = setTimeout(() => void flush(), retryDelaySeconds(failures) * 1000);
}

async function doFlush(): Promise<void> {
  const db = await fieldDb();
  // Read with the token each time: the items sent are the signed-in worker's, under their token.
  const owner = loadFieldSession();
  if (!owner) return;
  set({ sending: true });
  try {
    for (const item of await db.getAll('outbox')) {
      // Another worker's report waits for them: sent under this account, it would be theirs no more.
      if (item.state !== 'waiting' || (item.actor && item.actor !== owner.username)) continue;
      const v = await sendItem(item);
      if (v === 'retry' || v === 'sign_in') {
        set({ needSignIn: v === 'sign_in' });
        if (v === 'retry') scheduleRetry();
        return;
      }
    }
    if ((await sendFixes(owner.unit_id)) !== 'stored') return scheduleRetry();
    failures = 0;
    set({ needSignIn: false, lastError: null });
  } finally {
    set({ sending: false });
    await refreshOutbox();
  }
}

async function uploadPhotos(item: OutboxItem): Promise<Verdict> {
  const db = await fieldDb();
  const notes: string[] = [];
  for (const photo of item.photos) {
    if (photo.media_id || !photo.blob) continue;
    const form = new FormData();
    form.append('file', photo.blob, photo.name);
    const a = await call<{ id: string }>('/api/media', { form });
    const v = verdictOf(a.status);
    if (v === 'stored' && a.body) photo.media_id = a.body.id;
    else if (v === 'refused') notes.push(`照片 ${photo.name} 未被接收 · photo refused: ${a.message}`);
    else return v;
    // A refused photo is dropped and the report goes on without it: the worker is told why.
    delete photo.blob;
    await db.put('outbox', { ...item, last_error: notes.join('; ') || item.last_error });
  }
  item.photos = item.photos.filter((p: OutboxPhoto) => p.media_id);
  return 'stored';
}

async function sendItem(item: OutboxItem): Promise<Verdict> {
  const db = await fieldDb();
  const up = await uploadPhotos(item);
  if (up !== 'stored') return up;
  const photos = item.photos.map((p) => ({ id: p.media_id! }));
  const body = photos.length ? { ...item.body, photos } : item.body;
  const path =
    item.kind === 'report'
      ? '/api/incidents'
      : item.kind === 'visit'
        ? '/api/visits'
        : `/api/incidents/${item.id}/actions`;
  const a = await call(path, { json: body });
  let v = verdictOf(a.status);
  // A task step whose answer was lost: resent, the server refuses it (the incident moved on).
  // If the history shows this worker's step, it was stored.
  if (v === 'refused' && item.kind === 'action' && (await alreadyApplied(item))) v = 'stored';
  if (v === 'stored') await db.delete('outbox', item.seq!);
  else {
    const refused = v === 'refused';
    await db.put('outbox', {
      ...item,
      attempts: item.attempts + 1,
      state: refused ? 'refused' : 'waiting',
      last_error: a.message,
    });
    set({ lastError: a.message });
  }
  return v;
}

const FIX_BATCH = 500;

async function sendFixes(unit: number | null): Promise<Verdict> {
  const db = await fieldDb();
  for (;;) {
    const batch = (await db.getAll('fixes')).filter((f) => f.unit === unit).slice(0, FIX_BATCH);
    if (!batch.length) return 'stored';
    const fixes = batch.map(({ key: _key, ...f }) => f);
    const a = await call('/api/patrols/fixes', { json: { fixes } });
    const v = verdictOf(a.status);
    // The server judges each fix (a bad one is reported, the rest stored): a 2xx or a refusal of
    // the whole batch both end these fixes' wait; only "try later" keeps them.
    if (v === 'retry' || v === 'sign_in') return v;
    const tx = db.transaction('fixes', 'readwrite');
    for (const f of batch) await tx.store.delete(f.key!);
    await tx.done;
  }
}

/** Flush when the network comes back, and now and then while anything waits. */
export function startOutbox(): () => void {
  const online = () => {
    failures = 0;
    void flush();
  };
  window.addEventListener('online', online);
  const tick = setInterval(() => {
    if (state.waiting || state.fixes) void flush();
  }, 20_000);
  void refreshOutbox().then(() => flush());
  return () => {
    window.removeEventListener('online', online);
    clearInterval(tick);
  };
}
