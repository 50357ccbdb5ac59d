// Bundles the `tpj` command (scripts/tpj.ts and the core it uses) into out/cli/tpj.js.
// Pure-JS npm packages are inlined (scripts/bundled-deps.mjs says which and why); the rest
// stay external: they are installed beside the app, and better-sqlite3 is native.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { externalDeps, requireBanner } from './bundled-deps.mjs';

// Chunk names change with their content: start clean so stale chunks do not pile up.
rmSync('out/cli', { recursive: true, force: true });
await build({
  // The embedding cache's PGlite thread goes beside tpj.js, where cache.ts looks for it.
  entryPoints: { tpj: 'scripts/tpj.ts', 'embeddings-cache-worker': 'electron/core/embeddings/cache-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Chunks, so modules reached only by a dynamic import (the cloud worker, sync clients) load on demand.
  splitting: true,
  target: 'node20',
  external: externalDeps(),
  banner: { js: requireBanner },
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built out/cli/tpj.js and out/cli/embeddings-cache-worker.js');
