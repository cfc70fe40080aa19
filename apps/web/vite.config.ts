import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Vite settings of the studio SPA. */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
