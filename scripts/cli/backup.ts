import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { BackupInspection } from '../../shared/contract/backups';
import type { Core } from '../../electron/core/core';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { UserError } from './errors';
import { dateTime, table } from './format';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** `tpj backup`, `tpj backups` and `tpj restore`. */
export function registerBackup(program: Command, globals: () => GlobalOptions): void {
  program
    .command('backup')
    .description('back up the journal now (database, attachments) into one verified .tpjbak file')
    .option('--out <dir>', 'write it into this folder (an external drive) instead of the journal’s backups folder')
    .option('--embeddings', 'include the embeddings cache')
    .option('--json', 'print JSON')
    .action(async (opts: { out?: string; embeddings?: boolean; json?: boolean }) => {
      const { core, call, close } = openCore(globals());
      const offProgress = opts.json ? () => undefined : showProgress(core);
      try {
        const made = await call('backups.create', {
          folder: opts.out === undefined ? null : resolve(opts.out),
          ...(opts.embeddings ? { includeEmbeddings: true } : {}),
        });
        offProgress();
        if (opts.json) return console.log(JSON.stringify(made));
        console.log(`Backed up to ${made.file}`);
        console.log(
          `${megabytes(made.size)}, verified: ${made.tables.trades ?? 0} trades, ${made.attachments} attachment files.`,
        );
        for (const file of made.removed) console.log(`Removed an old backup (retention): ${file}`);
      } finally {
        offProgress();
        close();
      }
    });

  program
    .command('backups')
    .description('list the backups on this computer')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { call, close } = openCore(globals());
      try {
        const backups = await call('backups.list', {});
        if (opts.json) return console.log(JSON.stringify(backups));
        if (backups.length === 0) return console.log('No backups yet. Make one with `tpj backup`.');
        const rows = backups.map((b) => [
          dateTime(b.createdAt, localZone),
          megabytes(b.size),
          b.verified ? 'yes' : 'no',
          b.location,
          b.file,
        ]);
        console.log(table(['Made', 'Size', 'Verified', 'Where', 'File'], rows));
      } finally {
        close();
      }
    });

  program
    .command('restore')
    .description('replace the journal with a backup, after checking every byte of it')
    .argument('<file>', 'a .tpjbak file')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { yes?: boolean; json?: boolean }) => {
      const { core, call, close } = openCore(globals());
      try {
        const path = resolve(file);
        const inspection = await call('backups.inspect', { file: path });
        if (!opts.json) console.log(describeInspection(inspection, core.dataDir));
        if (!inspection.restorable) throw new UserError(inspection.problem ?? 'This backup cannot be restored.');
        if (!opts.yes) await confirm();
        const offProgress = opts.json ? () => undefined : showProgress(core);
        const summary = await call('backups.restore', { file: path }).finally(offProgress);
        if (opts.json) return console.log(JSON.stringify(summary));
        console.log(`Restored ${summary.file}.`);
        console.log(
          `This journal now has device id ${summary.deviceId}; everything will be pushed again when sync runs.`,
        );
        console.log(`The journal as it was is kept at ${summary.safetyCopy}.`);
      } finally {
        close();
      }
    });
}

function describeInspection(b: BackupInspection, dataDir: string): string {
  const rows = b.tables
    .filter((t) => !['meta', 'sync_state', 'outbox'].includes(t.table))
    .map((t) => [t.table, withLive(t.current, t.currentLive), withLive(t.backup, t.backupLive)]);
  return [
    `Backup ${b.file}`,
    `made ${dateTime(b.createdAt, localZone)} by Trading Path Journal ${b.appVersion} (schema ${b.schemaVersion}), ${megabytes(b.size)}, ${b.attachments} attachment files.`,
    '',
    `Restoring replaces the journal in ${dataDir}:`,
    table(['Table', 'Now', 'In the backup'], rows),
    '',
    'The current journal is kept as a safety copy in its backups folder.',
  ].join('\n');
}

/** "30" or, when some rows are deletions kept for sync, "30 (28 live)". */
function withLive(raw: number | null, live: number | null): string {
  return raw === null || live === null || live === raw ? count(raw) : `${count(raw)} (${count(live)} live)`;
}

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new UserError('Nothing was restored: add --yes to confirm (there is no terminal to ask).');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question('Replace your journal with this backup? Type "yes" to go on: ');
    if (answer.trim().toLowerCase() !== 'yes') throw new UserError('Nothing was restored.');
  } finally {
    rl.close();
  }
}

/** A one-line progress meter on stderr, when stderr is a terminal. Returns its disposer. */
function showProgress(core: Core): () => void {
  if (!process.stderr.isTTY) return () => undefined;
  let shown = false;
  const off = core.events.on('backup.progress', (p) => {
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
    process.stderr.write(`\r${p.operation}: ${p.phase} ${percent}%`.padEnd(40));
    shown = true;
  });
  return () => {
    off();
    if (shown) process.stderr.write('\r'.padEnd(41) + '\r');
    shown = false;
  };
}

function count(n: number | null): string {
  return n === null ? '-' : n.toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
