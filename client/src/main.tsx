import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { resetReadiness } from './map/readiness';
import { initialState } from './state/model';
import { loadSession } from './state/session';
import { createStore, StoreProvider } from './state/store';
import './app/theme.css';
import './app/shell.css';
import './app/narrow.css';

resetReadiness();
const store = createStore(initialState(loadSession()));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
