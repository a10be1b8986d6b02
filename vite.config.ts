import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fieldPrecache } from './scripts/lib/pwa-precache.ts';

// The client is built into dist/client and served by the Fastify server on the same origin,
// so the product needs no network beyond its own host. In development, `npm run dev` proxies
// the API, tiles and the live socket to a server started with `npm start`.
const api = process.env.GRIDBOARD_API ?? 'http://localhost:8080';
const outDir = path.resolve(import.meta.dirname, 'dist/client');

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // The grid worker's phone app (/m) is an installable PWA: its shell, the basemap tiles of
    // the places the worker has been and the worker's grid are kept by a service worker whose
    // scope is /m/ only, so the console and the wall behave as ordinary pages.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: [],
      manifest: {
        id: '/m/',
        name: 'Gridboard 网格员',
        short_name: '网格员',
        description: 'Report events, work tasks and log visits from the grid · 网格员上报与任务',
        lang: 'zh-CN',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b1424',
        icons: [
          { src: '/m/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/m/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/m/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,png,webmanifest}'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        manifestTransforms: [fieldPrecache(outDir)],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m(\/|$)/],
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Basemap tiles: shown at once from the cache, refreshed when online.
            urlPattern: ({ url }) => url.pathname.startsWith('/tiles/basemap/'),
            handler: 'StaleWhileRevalidate',
            options: {
              cacheName: 'field-basemap',
              expiration: { maxEntries: 4000, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            // The worker's grid and the category list: fresh when online, the last copy offline.
            urlPattern: ({ url }) => url.pathname === '/api/me/grid' || url.pathname === '/api/categories',
            handler: 'NetworkFirst',
            options: {
              cacheName: 'field-grid',
              networkTimeoutSeconds: 4,
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
    {
      // The PWA plugin links the web manifest into every page; only /m is the installable app.
      name: 'gridboard:manifest-on-m-only',
      enforce: 'post',
      transformIndexHtml: {
        order: 'post',
        handler: (html, ctx) => (ctx.path.startsWith('/m/') ? html : html.replace(/<link rel="manifest"[^>]*>/g, '')),
      },
    },
  ],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    // The build manifest tells the service worker which files the /m page needs.
    manifest: true,
    rollupOptions: {
      input: {
        main: path.resolve(import.meta.dirname, 'client/index.html'),
        field: path.resolve(import.meta.dirname, 'client/m/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/tiles': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
