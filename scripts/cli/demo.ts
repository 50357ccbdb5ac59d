import type { Command } from 'commander';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { UserError } from './errors';
import { positiveInt } from './options';

/** `tpj demo`: a realistic, deterministic demo journal in an empty data folder. */
export function registerDemo(program: Command, globals: () => GlobalOptions): void {
  program
    .command('demo')
    .description('fill an empty journal with a realistic demo (accounts, trades, playbooks, notes, ticks)')
    .option('--trades <n>', 'how many trades', (v) => positiveInt(v, 1), 400)
    .option('--seed <n>', 'the same seed always gives the same journal', (v) => positiveInt(v, 0), 1)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { trades: number; seed: number; json?: boolean }) => {
      if (opts.trades > 200_000) throw new UserError('--trades can be at most 200000.');
      const { call, close, core } = openCore(globals());
      try {
        const started = performance.now();
        const summary = await call('demo.load', { trades: opts.trades, seed: opts.seed });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (opts.json) console.log(JSON.stringify({ ...summary, dataDir: core.dataDir }));
        else
          console.log(
            `Demo journal ready in ${core.dataDir} (${seconds} s): ${summary.trades} trades from ${summary.executions} executions ` +
              `in ${summary.accounts} accounts, ${summary.journalEntries} daily notes.`,
          );
      } finally {
        close();
      }
    });
}
