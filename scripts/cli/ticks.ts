import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { TickImportSummary } from '../../shared/contract';
import { uuidv7 } from '../../electron/core/journal/ids';
import { openCore, type GlobalOptions } from './context';
import { UserError } from './errors';

type TicksImportOptions = { symbol?: string; tz?: string; json?: boolean };

/** `tpj ticks import FILE`: tick or OHLC bar files for charts and MAE/MFE. */
export function registerTicks(program: Command, globals: () => GlobalOptions): void {
  const ticks = program.command('ticks').description('market data: tick and OHLC bar files');
  ticks
    .command('import')
    .description('import a tick file (symbol, time, price, size) or a bar file (time, open, high, low, close, volume)')
    .argument('<file>', 'a CSV file; re-importing it adds nothing twice')
    .option('--symbol <symbol>', 'symbol for files without a symbol column')
    .option('--tz <zone>', 'time zone of times written without an offset (default UTC)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: TicksImportOptions) => {
      if (!existsSync(file)) throw new UserError(`No such file: ${file}`);
      const { core, close } = openCore(globals());
      const importId = uuidv7();
      const cancel = () => core.ticks.cancel(importId);
      process.once('SIGINT', cancel);
      const off = core.events.on('import.progress', (p) => {
        if (p.importId === importId && !opts.json && process.stderr.isTTY && p.phase === 'reading' && p.total > 0)
          process.stderr.write(`\rReading… ${Math.round((100 * p.done) / p.total)}%`);
      });
      try {
        const summary = await core.ticks
          .import(
            { fileName: basename(file), path: resolve(file) },
            { importId, ...(opts.symbol ? { symbol: opts.symbol } : {}), ...(opts.tz ? { timeZone: opts.tz } : {}) },
          )
          .catch((error: unknown) => {
            throw error instanceof Error && error.name === 'CoreError' ? new UserError(describe(error)) : error;
          });
        if (process.stderr.isTTY && !opts.json) process.stderr.write('\r\x1b[K');
        console.log(opts.json ? JSON.stringify(summary) : summaryLine(summary));
      } finally {
        off();
        process.removeListener('SIGINT', cancel);
        close();
      }
    });
}

/** The message plus the rows it names, one per line. */
function describe(error: Error): string {
  const fields = (error as Error & { fields?: { path: string; message: string }[] }).fields ?? [];
  return [error.message, ...fields.map((f) => `  ${f.path}: ${f.message}`)].join('\n');
}

function summaryLine(s: TickImportSummary): string {
  const span =
    s.from !== null && s.to !== null
      ? ` from ${new Date(s.from).toISOString()} to ${new Date(s.to).toISOString()}`
      : '';
  return `${s.fileName}: ${s.rows} ${s.kind === 'ticks' ? 'ticks' : 'bars'} of ${s.symbols.join(', ') || 'no symbol'}${span}: ${s.added} new, ${s.rows - s.added} already in the journal.`;
}
