import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client is built into dist/client and served by the Fastify server on the same origin,
// so the product needs no network beyond its own host. In development, `npm run dev` proxies
// the API, tiles and the live socket to a server started with `npm start`.
const api = process.env.GRIDBOARD_API ?? 'http://localhost:8080';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': api,
      '/tiles': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
