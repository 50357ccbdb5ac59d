// `npm run bench:browser`: only the in-browser section of `npm run bench` (needs `npm run build`).
import { benchBrowser } from './browser';
import { printReport } from './report';

printReport(await benchBrowser(Number(process.env['BENCH_TRADES'] ?? 100_000)));
