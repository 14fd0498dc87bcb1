import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app's build (scripts/build.mjs runs it on `npm ci`, `npm start` and `npm test`) and its
 * dev server (`npm run dev -w @postern/web`), which forwards /api to a `postern serve` on port 4400.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser Postern supports has modulepreload; the polyfill would be one more script.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    // The response preview page comes from the server too (its own CSP).
    proxy: { '/api': 'http://127.0.0.1:4400', '/preview-frame.html': 'http://127.0.0.1:4400' },
  },
});
