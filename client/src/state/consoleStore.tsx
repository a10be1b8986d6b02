/**
 * The console's store: one per console page, around the pure consoleReducer. Components select
 * the slice they need (useSyncExternalStore) and re-render only when it changes.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { consoleReducer, type ConsoleAction, type ConsoleState } from './console';
import { createReducerStore, type ReducerStore } from './reducerStore';

export type ConsoleStore = ReducerStore<ConsoleState, ConsoleAction>;

export function createConsoleStore(initial: ConsoleState): ConsoleStore {
  return createReducerStore(consoleReducer, initial);
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
