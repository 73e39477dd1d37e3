import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

/** A file under web/, as an absolute path (the bundler's inputs do not follow `root`). */
const webFile = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

// One config for the web build (web/ → dist/web) and for Vitest.
export default defineConfig({
  root: 'web',
  plugins: [svelte()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // One entry per page (served by server/app.ts), each loading web/src/pages/<page>/main.ts:
      // the map, the officials' compliance view, the carriers' upload page. What they share
      // (web/src/shared) is split into common chunks.
      input: {
        index: webFile('index.html'),
        compliance: webFile('compliance.html'),
        upload: webFile('upload.html'),
      },
    },
  },
  server: {
    // `npm run dev`: the Vite dev server proxies the API and tiles to `atlas serve` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080', '/tiles': 'http://127.0.0.1:8080', '/ogc': 'http://127.0.0.1:8080' },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
