import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Vite settings of the studio SPA. In development the API runs beside Vite (`npm start` or `pnpm --filter @whittle/api
 * dev`, port 8080); the proxy keeps every call same-origin, as in production where the API serves the build.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // SSE (job events) passes through the proxy unbuffered.
      '/api': { target: 'http://127.0.0.1:8080' },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
