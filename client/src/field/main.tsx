/**
 * Entry of the grid worker's phone app (/m). The service worker (Workbox, generated at build by
 * vite-plugin-pwa) is registered with the scope /m/ only: it keeps the app shell, the worker's
 * grid and the basemap tiles already seen, so the app opens without signal.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';
import { FieldApp } from './FieldApp';
import './field.css';

if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  void new Workbox('/sw.js', { scope: '/m/' }).register();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
