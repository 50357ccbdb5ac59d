import { resolve } from 'node:path';
import { defaultDataDir } from '../core/paths';

/** `--data-dir <dir>` or `--data-dir=<dir>` from the command line, if given. */
export function dataDirArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg.startsWith('--data-dir=')) return nonEmpty(arg.slice('--data-dir='.length));
    if (arg === '--data-dir') return nonEmpty(argv[i + 1]);
  }
  return undefined;
}

/**
 * The journal folder: `--data-dir`, else `TPJ_DATA_DIR`, else the OS default — the same
 * rule as the `tpj` CLI, so app and CLI open one journal.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const fromArgs = dataDirArg(argv);
  return resolve(fromArgs ?? defaultDataDir(env));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && !value.startsWith('--') ? value : undefined;
}
