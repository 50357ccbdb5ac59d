// Which npm packages are bundled into the core (the Electron core worker and the `tpj` CLI)
// instead of being loaded from node_modules at run time.
//
// Loading a package from node_modules costs its resolution, a file read per module and,
// for CommonJS packages imported from ESM, a scan for their named exports. At start-up
// these pure-JS packages cost the core about 40% of its cold start's CPU; inlined, they are
// compiled once with the rest of the bundle. Packages stay external when they are native
// (better-sqlite3), read files beside themselves at run time (PGlite's wasm, BullMQ's Lua
// scripts), or are only loaded on demand by a dynamic import (the Qdrant, Gemini and cloud
// clients), where inlining would add to the start-up parse instead of saving.
import { readFileSync } from 'node:fs';

export const bundledDeps = [
  'big.js',
  'cockatiel',
  'commander',
  'cron-parser',
  'fflate',
  'htmlparser2',
  'pino',
  'rotating-file-stream',
  'yauzl',
  'yazl',
  'zod',
];

/** Every dependency of package.json that is not bundled: esbuild's `external` list. */
export function externalDeps() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {});
  const unknown = bundledDeps.filter((name) => !deps.includes(name));
  if (unknown.length > 0) throw new Error(`bundled-deps.mjs names packages package.json lacks: ${unknown.join(', ')}`);
  return deps.filter((name) => !bundledDeps.includes(name));
}

/**
 * CommonJS packages inlined into an ESM bundle still call `require` for Node's built-ins
 * (and pino for its optional transports), which ESM does not define.
 */
export const requireBanner =
  "import { createRequire as __tpjRequire } from 'node:module'; const require = __tpjRequire(import.meta.url);";
