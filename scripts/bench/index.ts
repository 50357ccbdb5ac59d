// `npm run bench`: each figure from DESIGN §8 that exists so far, beside its budget.
// BENCH_ONLY=journal,stats,backup,import,jobs,similar,sync,browser runs just those parts (in this order).
import { benchBackup } from './backup';
import { benchBrowser } from './browser';
import { benchImport } from './import';
import { benchJobs } from './jobs';
import { benchJournal } from './journal';
import { printReport, type BenchRow } from './report';
import { benchSimilar } from './similar';
import { benchStats } from './stats';
import { benchSync } from './sync';
import { CORE_V8_FLAGS } from '../../electron/core/process-flags';

const trades = Number(process.env.BENCH_TRADES ?? 100_000);
const parts: [string, () => Promise<BenchRow[]>][] = [
  ['journal', () => benchJournal(trades)],
  ['stats', () => benchStats(trades)],
  ['backup', () => benchBackup(trades)],
  ['import', () => benchImport()],
  ['jobs', () => benchJobs()],
  ['similar', () => benchSimilar(trades)],
  ['sync', () => benchSync(trades)],
  ['browser', () => benchBrowser(trades)],
];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !parts.some(([part]) => part === name)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}`);
// The app's core process runs with these V8 flags; `npm run bench` passes them too.
const missing = CORE_V8_FLAGS.filter((flag) => !process.execArgv.includes(flag));
console.log(
  missing.length === 0
    ? `(V8 flags as the app's core process: ${CORE_V8_FLAGS.join(' ')})`
    : `(without the app's core V8 flags ${missing.join(' ')}: run through \`npm run bench\` for the app's figures)`,
);
const rows: BenchRow[] = [];
for (const [name, run] of parts) {
  if (only && !only.includes(name)) console.log(`(${name} skipped: BENCH_ONLY)`);
  else rows.push(...(await run()));
}
console.log('');
printReport(rows);
