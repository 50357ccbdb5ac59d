// Run by the import bench in a fresh Node process, so the peak RSS is this import's alone:
// preview + commit of one file into an empty journal, then one line of JSON on stdout.
import { createCore } from '../../electron/core/core';

const MB = 1024 * 1024;
const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-memory-entry <file> <dataDir>');

const baselineMb = process.memoryUsage.rss() / MB;
let polledPeakMb = baselineMb;
// Polling misses the synchronous commit (the event loop is blocked); maxRSS below is the real peak.
const poll = setInterval(() => (polledPeakMb = Math.max(polledPeakMb, process.memoryUsage.rss() / MB)), 50);
const core = createCore({ dataDir });
const t0 = performance.now();
const preview = await core.imports.preview([{ fileName: 'big.csv', path: file }], { accountId: null });
const t1 = performance.now();
const commit = await core.invoke('import.commit', { importId: preview.importId });
const t2 = performance.now();
clearInterval(poll);
core.close();
if (!commit.ok) throw new Error(commit.error.message);
const summary = commit.value as { executions: { new: number }; trades: { created: number } };
console.log(
  JSON.stringify({
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    executions: summary.executions.new,
    trades: summary.trades.created,
    baselineMb,
    polledPeakMb,
    // Linux reports ru_maxrss in KiB.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
