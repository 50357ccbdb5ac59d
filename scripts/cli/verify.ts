import type { Command } from 'commander';
import type { IntegrityStatus } from '../../shared/contract/backups';
import type { GlobalOptions } from './context';
import { openCore } from './context';

const marks: Record<IntegrityStatus, string> = { pass: '✓', warn: '!', fail: '✗', 'n/a': '-' };

/** `tpj verify`: the integrity report. Exit 1 when a check fails. */
export function registerVerify(program: Command, globals: () => GlobalOptions): void {
  program
    .command('verify')
    .description('check the journal’s integrity: database, trades against executions, files, change log')
    .option('--json', 'print JSON')
    .option('--cloud', 'compare this device with the cloud: rows and a digest of every row version, per table')
    .action(async (opts: { json?: boolean; cloud?: boolean }) => {
      const { core, call, close } = openCore(globals(), { sync: { run: false } });
      try {
        if (opts.cloud) {
          const cloud = await call('sync.verify', {});
          if (opts.json) console.log(JSON.stringify({ dataDir: core.dataDir, ...cloud }));
          else {
            console.log(`Journal: ${core.dataDir}, compared with the cloud (pulled up to ${cloud.cursor})`);
            for (const t of cloud.tables) {
              const mark = t.match ? '✓' : t.pending > 0 ? '!' : '✗';
              const waiting = t.pending > 0 ? `, ${t.pending} changes waiting to be pushed` : '';
              console.log(
                `${mark} ${t.table.padEnd(16)} here ${t.local.rows} (${t.local.live} live), cloud ${t.cloud.rows} (${t.cloud.live} live)${waiting}`,
              );
            }
            for (const v of cloud.vectors ?? []) {
              const note = v.error ? ` (${v.error})` : '';
              console.log(`  Qdrant ${v.collection.padEnd(16)} ${v.points} points for ${v.rows} rows here${note}`);
            }
            console.log(
              cloud.ok
                ? 'This device and the cloud agree.'
                : 'This device and the cloud differ: run `tpj sync`, then verify again.',
            );
          }
          if (!cloud.ok) process.exitCode = 1;
          return;
        }
        const report = await call('journal.verify', {});
        if (opts.json) console.log(JSON.stringify({ dataDir: core.dataDir, ...report }));
        else {
          console.log(`Journal: ${core.dataDir}`);
          const width = Math.max(...report.checks.map((c) => c.name.length));
          for (const c of report.checks) console.log(`${marks[c.status]} ${c.name.padEnd(width)}  ${c.detail}`);
          console.log(report.ok ? 'No problems found.' : 'Problems found: see the lines marked ✗.');
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        close();
      }
    });
}
