/**
 * The worker's data on the phone: their grid, their open tasks and the category list, loaded from
 * the server when it answers and from the last copy when it does not. Tasks follow the live
 * stream: an incident dispatched to the worker's unit (or one of theirs that changes) reloads the
 * list at once, and a new task is announced.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getToken } from '../api/http';
import { LiveConnection } from '../api/live';
import { loadCategories, loadGrid, loadTasks, type Category, type MyGrid, type Task } from './api';
import type { FieldSession } from './session';

export interface FieldData {
  grid: MyGrid | null;
  tasks: Task[];
  categories: Category[];
  /** The last read came from the server (false: the phone's copy, offline). */
  fresh: boolean;
  live: boolean;
  reloadTasks(): Promise<void>;
  /** A message for the worker, shown for a few seconds. */
  notice: string | null;
  notify(message: string): void;
}

export function useFieldData(session: FieldSession, onSignIn: () => void): FieldData {
  const [grid, setGrid] = useState<MyGrid | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [fresh, setFresh] = useState(true);
  const [live, setLive] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const known = useRef<Set<string> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const notify = useCallback((message: string) => {
    setNotice(message);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(null), 6_000);
  }, []);

  const guard = useCallback(
    async <T>(p: Promise<T>): Promise<T | null> => {
      try {
        return await p;
      } catch (err) {
        if ((err as { status?: number }).status === 401) onSignIn();
        return null;
      }
    },
    [onSignIn],
  );

  const reloadTasks = useCallback(async () => {
    const r = await guard(loadTasks());
    if (!r?.value) return;
    const list = r.value.tasks;
    const ids = new Set(list.map((t) => t.id));
    if (known.current && list.some((t) => !known.current!.has(t.id))) {
      notify('新任务已派给您 · A new task has been dispatched to you');
      navigator.vibrate?.([200, 100, 200]);
    }
    known.current = ids;
    setTasks(list);
    setFresh(r.fresh);
  }, [guard, notify]);

  useEffect(() => {
    void guard(loadGrid()).then((r) => r?.value && setGrid(r.value));
    void guard(loadCategories()).then((c) => c && setCategories(c));
    void reloadTasks();
  }, [guard, reloadTasks]);

  useEffect(() => {
    const conn = new LiveConnection();
    const token = getToken();
    if (token) conn.start(token);
    const offStatus = conn.subscribe({
      onEvent: (e) => {
        const inc = e.incident;
        if (!inc) return;
        if (inc.assigned_unit_id === session.unit_id || known.current?.has(inc.id)) void reloadTasks();
      },
      onSnapshot: () => void reloadTasks(),
    });
    const offLive = conn.onStatus(() => setLive(conn.getStatus().state === 'connected'));
    const back = () => void reloadTasks();
    window.addEventListener('online', back);
    return () => {
      offStatus();
      offLive();
      window.removeEventListener('online', back);
      conn.stop();
    };
  }, [session.unit_id, reloadTasks]);

  return { grid, tasks, categories, fresh, live, reloadTasks, notice, notify };
}
