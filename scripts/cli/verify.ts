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
    .action(async (opts: { json?: boolean }) => {
      const { core, call, close } = openCore(globals());
      try {
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
