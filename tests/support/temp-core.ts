import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/** A core over a fresh temporary data folder; `dispose` closes it and removes the folder. */
export function tempCore(options: Partial<CoreOptions> = {}): {
  core: Core;
  dataDir: string;
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
  dispose: () => void;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-test-'));
  const core = createCore({ dataDir, ...options });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await core.invoke(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  return {
    core,
    dataDir,
    call,
    dispose: () => {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rows in a table, to check that a failed call wrote nothing. */
export function countRows(core: Core, table: string): number {
  return core.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
