/**
 * A small external store (useSyncExternalStore) around the pure reducer. Components select the
 * slice they need and re-render only when that slice changes.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AppState } from './model';
import { reducer, type Action } from './reducer';
import { createReducerStore, type ReducerStore } from './reducerStore';

export type Store = ReducerStore<AppState, Action>;

export function createStore(initial: AppState): Store {
  return createReducerStore(reducer, initial);
}

const StoreContext = createContext<Store | null>(null);

export function StoreProvider({ store, children }: { store: Store; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore() outside <StoreProvider>');
  return store;
}

/** Subscribe to one slice of the state. The selector must return a value from the state (or a primitive). */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useDispatch(): (action: Action) => void {
  return useStore().dispatch;
}
