import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { bundledDeps } from './scripts/bundled-deps.mjs';

/**
 * main and the core worker run in Node (Electron); preload is CommonJS because sandboxed
 * preloads cannot be ES modules; the renderer is a plain web app (it also runs in any
 * browser through `tpj serve`).
 */
export default defineConfig({
  main: {
    build: {
      // Pure-JS packages are inlined for a faster core cold start (scripts/bundled-deps.mjs).
      externalizeDeps: { exclude: bundledDeps },
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          'core-worker': 'electron/main/core-worker.ts',
          // The embedding cache's PGlite thread; cache.ts starts it from beside core-worker.js.
          'embeddings-cache-worker': 'electron/core/embeddings/cache-worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle what it uses (zod via the contract).
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: 'renderer/index.html' } },
  },
});
