// Bundles the `tpj` command (scripts/tpj.ts and the core it uses) into out/cli/tpj.js.
// npm packages stay external: they are installed beside the app, and better-sqlite3 is native.
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/tpj.ts'],
  outfile: 'out/cli/tpj.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built out/cli/tpj.js');
