import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportPreview, ImportSummary } from '../../shared/contract';
import { describeIssue } from '../../electron/core/import/service';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { UserError } from './errors';
import { table } from './format';

type ImportOptions = {
  account?: string;
  format?: string;
  tz?: string;
  dryRun?: boolean;
  json?: boolean;
  skipErrors?: boolean;
};

/** `tpj import` and `tpj formats`. */
export function registerImport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('formats')
    .description('list the broker file formats tpj can import')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { call, close } = openCore(globals());
      try {
        const formats = await call('import.formats', {});
        if (opts.json) return console.log(JSON.stringify(formats));
        console.log(
          table(
            ['Id', 'Format', 'Large files'],
            formats.map((f) => [f.id, f.label, f.streamable ? 'streamed' : 'up to 64 MB']),
          ),
        );
      } finally {
        close();
      }
    });

  program
    .command('import')
    .description('import broker files; re-importing a file adds nothing twice')
    .argument('<files...>', 'files exported from your broker or platform')
    .option('--account <name>', 'import everything into this account (name or id)')
    .option('--format <id>', 'read the files as this format (see `tpj formats`)')
    .option('--tz <zone>', 'time zone of times written without an offset, e.g. America/Chicago')
    .option('--dry-run', 'show what would be imported, write nothing')
    .option('--skip-errors', 'import the valid rows even when some rows cannot be read')
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: ImportOptions) => {
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length > 0) throw new UserError(`No such file: ${missing.join(', ')}`);
      const { core, call, close } = openCore(globals());
      let importId = '';
      const cancel = () => {
        if (importId) core.imports.cancel(importId);
      };
      process.once('SIGINT', cancel);
      const off = core.events.on('import.progress', (p) => {
        importId = p.importId;
        if (!opts.json && process.stderr.isTTY && p.phase === 'reading' && p.total > 0) {
          process.stderr.write(`\rReading… ${Math.round((100 * p.done) / p.total)}%`);
        }
      });
      try {
        const accountId = opts.account ? await findAccount(call, opts.account) : null;
        const preview = await core.imports
          .preview(
            files.map((f) => ({ fileName: basename(f), path: resolve(f) })),
            { accountId, ...(opts.format ? { formatId: opts.format } : {}), ...(opts.tz ? { timeZone: opts.tz } : {}) },
          )
          .catch((error: unknown) => {
            throw error instanceof Error && error.name === 'CoreError' ? new UserError(error.message) : error;
          });
        if (process.stderr.isTTY && !opts.json) process.stderr.write('\r\x1b[K');
        if (opts.dryRun) return report(preview, null, opts.json === true);
        const result = await core.invoke(
          'import.commit',
          { importId: preview.importId, skipInvalid: opts.skipErrors === true },
          { door: 'cli' },
        );
        if (!result.ok) {
          report(preview, null, opts.json === true);
          throw new UserError(
            `${result.error.message}${result.error.code === 'CONFLICT' ? ' Use --skip-errors to import the valid rows.' : ''}`,
          );
        }
        report(preview, result.value as ImportSummary, opts.json === true);
      } finally {
        off();
        process.removeListener('SIGINT', cancel);
        close();
      }
    });
}

async function findAccount(call: ReturnType<typeof openCore>['call'], wanted: string): Promise<string> {
  const accounts = await call('accounts.list', {});
  const match = accounts.find((a) => a.id === wanted || a.name.toLowerCase() === wanted.toLowerCase());
  if (match) return match.id;
  const created = await call('accounts.create', { name: wanted });
  console.error(`Created account "${created.name}".`);
  return created.id;
}

function report(preview: ImportPreview, summary: ImportSummary | null, json: boolean): void {
  if (json) return console.log(JSON.stringify(summary ? { preview, summary } : { preview }));
  for (const f of preview.files) {
    const format = f.format ? `${f.format.label} (${Math.round(f.format.confidence * 100)}%)` : 'unknown format';
    console.log(
      `${f.fileName}: ${format} — ${f.executions} executions: ${f.new} new, ${f.duplicate} already in the journal; ${f.ignored} ignored; ${f.errorCount} errors`,
    );
    for (const e of f.errors.slice(0, 20)) console.log(`  error   ${describeIssue(e)}`);
    if (f.errorCount > 20) console.log(`  … and ${f.errorCount - 20} more errors`);
    for (const w of f.warnings.slice(0, 10)) console.log(`  warning ${w.message}`);
  }
  for (const a of preview.accounts) if (a.create) console.log(`New account: ${a.accountName}`);
  if (!summary) {
    console.log(`Dry run: nothing was written. ${preview.totals.new} new executions would be imported.`);
    return;
  }
  console.log(
    `Imported ${summary.executions.new} new executions (${summary.executions.duplicate} duplicates skipped): ` +
      `${summary.trades.created} trades created, ${summary.trades.updated} updated, ${summary.trades.removed} merged.`,
  );
}
