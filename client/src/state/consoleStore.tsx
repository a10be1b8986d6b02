/**
 * The console's store: one per console page, around the pure consoleReducer. Components select
 * the slice they need (useSyncExternalStore) and re-render only when it changes.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { consoleReducer, type ConsoleAction, type ConsoleState } from './console';

export interface ConsoleStore {
  getState(): ConsoleState;
  dispatch(action: ConsoleAction): void;
  subscribe(listener: () => void): () => void;
}

export function createConsoleStore(initial: ConsoleState): ConsoleStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = consoleReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const ConsoleContext = createContext<ConsoleStore | null>(null);

export function ConsoleProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return <ConsoleContext.Provider value={store}>{children}</ConsoleContext.Provider>;
}

export function useConsoleStore(): ConsoleStore {
  const store = useContext(ConsoleContext);
  if (!store) throw new Error('useConsoleStore() outside <ConsoleProvider>');
  return store;
}

/** Subscribe to one slice. The selector must return a value from the state (or a primitive). */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  const store = useConsoleStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
