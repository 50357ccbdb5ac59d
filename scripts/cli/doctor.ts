import type { Command } from 'commander';
import { runDoctor } from '../../electron/core/doctor';
import type { GlobalOptions } from './context';
import { openCore } from './context';

/** `tpj doctor`: is this journal healthy? Exit 1 when a check fails. */
export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('check the journal: database, disk, backups, sync, jobs')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const { core, close } = openCore(globals());
      try {
        const checks = runDoctor(core);
        if (opts.json) console.log(JSON.stringify({ dataDir: core.dataDir, checks }));
        else {
          console.log(`Journal: ${core.dataDir}`);
          for (const c of checks)
            console.log(`${c.level === 'ok' ? '✓' : c.level === 'warn' ? '!' : '✗'} ${c.name.padEnd(13)} ${c.detail}`);
        }
        if (checks.some((c) => c.level === 'fail')) process.exitCode = 1;
      } finally {
        close();
      }
    });
}
