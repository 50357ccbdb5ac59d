// `npm run bench`: each figure from DESIGN §8 that exists so far, beside its budget.
import { benchJournal } from './journal';
import { printReport } from './report';

const trades = Number(process.env.BENCH_TRADES ?? 100_000);
const rows = await benchJournal(trades);
console.log('');
printReport(rows);
