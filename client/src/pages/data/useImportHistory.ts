/** The import history: loaded on mount, refreshed on demand, and undo with the server's answer. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchImportHistory, undoImport, type ImportHistoryEntry } from '../../api/imports';

export interface HistoryState {
  items: ImportHistoryEntry[];
  loading: boolean;
  error: string | null;
  /** The last undo's outcome: done, or the server's reason for refusing it. */
  message: { id: number; ok: boolean; text: string } | null;
  /** The entry being undone. */
  undoing: number | null;
}

export function useImportHistory() {
  const [items, setItems] = useState<ImportHistoryEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<HistoryState['message']>(null);
  const [undoing, setUndoing] = useState<number | null>(null);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const next = await fetchImportHistory(50);
      if (mine !== seq.current) return;
      setItems(next);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const undo = useCallback(
    async (id: number) => {
      setUndoing(id);
      setMessage(null);
      try {
        await undoImport(id);
        setMessage({ id, ok: true, text: `Import ${id} undone 已撤销` });
      } catch (err) {
        setMessage({ id, ok: false, text: err instanceof Error ? err.message : String(err) });
      } finally {
        setUndoing(null);
        await refresh();
      }
    },
    [refresh],
  );

  const state: HistoryState = { items, loading, error, message, undoing };
  return { state, refresh, undo };
}
