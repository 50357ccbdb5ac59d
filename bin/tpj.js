#!/usr/bin/env node
// The `tpj` command: a thin launcher for the bundled CLI in out/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/tpj.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  console.error(`tpj has not been built yet. Run \`npm run build\` in ${root} first.`);
  process.exit(2);
}
await import(entry.href);
