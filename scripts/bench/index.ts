// `npm run bench`: each figure from DESIGN §8 that exists so far, beside its budget.
import { benchBackup } from './backup';
import { benchBrowser } from './browser';
import { benchImport } from './import';
import { benchJobs } from './jobs';
import { benchJournal } from './journal';
import { printReport } from './report';
import { benchSimilar } from './similar';
import { benchStats } from './stats';
import { benchSync } from './sync';

const trades = Number(process.env.BENCH_TRADES ?? 100_000);
const rows = await benchJournal(trades);
rows.push(...(await benchStats(trades)));
rows.push(...(await benchBackup(trades)));
rows.push(...(await benchImport()));
rows.push(...(await benchJobs()));
rows.push(...(await benchSimilar(trades)));
rows.push(...(await benchSync(trades)));
rows.push(...(await benchBrowser(trades)));
console.log('');
printReport(rows);
