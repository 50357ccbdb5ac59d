import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { BackupProgress } from '../../shared/contract/backups';
import type { BenchRow } from './report';

const TICKS = 1_000_000;

/** Backup of a journal with `trades` trades and a million ticks, then restore + integrity report (DESIGN §8). */
export async function benchBackup(trades: number): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-backup-'));
  try {
    const setup = createCore({ dataDir });
    loadDemoJournal(setup.store, { trades, seed: 42, endDay: '2026-11-20' });
    insertTicks(setup, TICKS);
    setup.close();

    const core = createCore({ dataDir });
    const phases = phaseTimer(core);
    const t0 = performance.now();
    const backup = await call(core, 'backups.create', {});
    const backupMs = performance.now() - t0;
    const backupPhases = phases.take();
    const t1 = performance.now();
    await call(core, 'backups.restore', { file: backup.file });
    const restoreMs = performance.now() - t1;
    const restorePhases = phases.take();
    const t2 = performance.now();
    const report = await call(core, 'journal.verify', {});
    const verifyMs = performance.now() - t2;
    const reused = report.checks.filter((c) => c.counts.reused === 1).map((c) => c.name);
    core.close();
    if (!report.ok) throw new Error('the restored journal failed its integrity report');
    const size = `${(backup.size / 1024 / 1024).toFixed(0)} MB archive`;
    return [
      {
        work: `backup, ${trades / 1000}k trades + 1M ticks`,
        measured: backupMs,
        unit: 'ms',
        budget: 3000,
        kind: 'below',
        note: `${size}; ${backupPhases}`,
      },
      {
        work: 'restore (every byte checked first)',
        measured: restoreMs,
        unit: 'ms',
        budget: 5000,
        kind: 'below',
        note: restorePhases,
      },
      {
        work: 'restore + integrity report',
        measured: restoreMs + verifyMs,
        unit: 'ms',
        budget: 5000,
        kind: 'below',
        note: `restore ${restoreMs.toFixed(0)} ms + report ${verifyMs.toFixed(0)} ms; report reused ${reused.length} of ${report.checks.length} checks from the restore (${reused.join(', ') || 'none'})`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A million ticks, straight into the table in one transaction (the demo writes only a few). */
function insertTicks(core: Core, count: number): void {
  const insert = core.store.db.prepare(`INSERT INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, ?, ?)`);
  const start = Date.UTC(2026, 10, 20, 14, 30) * 1000;
  core.store.db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run('BENCH', start + i * 1000, 100 + (i % 500) / 100, 1 + (i % 7));
  })();
}

/** How long each progress phase took, as "snapshot 900 ms, archive 1200 ms, …". */
function phaseTimer(core: Core): { take: () => string } {
  let phases: [string, number][] = [];
  let last = performance.now();
  // Time until the next event belongs to the phase the last event announced.
  const charge = () => {
    const now = performance.now();
    const current = phases.at(-1);
    if (current) current[1] += now - last;
    last = now;
  };
  core.events.on('backup.progress', (p: BackupProgress) => {
    charge();
    if (phases.at(-1)?.[0] !== p.phase) phases.push([p.phase, 0]);
  });
  return {
    take: () => {
      charge();
      const text = phases.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ');
      phases = [];
      return text;
    },
  };
}

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}
