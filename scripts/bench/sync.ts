import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import { cloudEntities } from '../../sync/entities';
import { SyncEngine, type SyncReport } from '../../sync/engine';
import { CloudDb } from '../../sync/postgres';
import { printReport, type BenchRow } from './report';
import { benchDatabase, phaseClock, seconds, type PhaseTimes } from './sync-cloud';
import { benchSyncLatency } from './sync-latency';

const TICKS = Number(process.env.BENCH_TICKS ?? 1_000_000);
const WORKSPACE = 'bench';

/** DESIGN §8's sync budgets on real PostgreSQL (and Redis for the A→B nudge). */
export async function benchSync(trades: number): Promise<BenchRow[]> {
  // BENCH_SYNC_ONLY=ticks|trades|latency runs one part (when profiling it).
  const only = process.env.BENCH_SYNC_ONLY;
  const rows: BenchRow[] = [];
  if (!only || only === 'ticks') rows.push(await benchTickPush(TICKS));
  if (!only || only === 'trades') rows.push(await benchTradePush(trades));
  if (!only || only === 'latency') rows.push(...(await benchSyncLatency()));
  return rows;
}

/**
 * A journal of `count` ticks (written directly, not through the demo), pushed by one
 * `syncOnce()` into a fresh cloud database, `RUNS` times from copies of the same journal.
 */
async function benchTickPush(count: number): Promise<BenchRow> {
  const source = mkdtempSync(join(tmpdir(), 'tpj-bench-sync-ticks-'));
  try {
    const t0 = performance.now();
    const core = createCore({ dataDir: source, sync: { config: null } });
    const shape = writeTicks(core.store.db, count);
    core.close();
    console.log(
      `(setup: ${count} ticks, ${shape.symbols} symbols × ${shape.days} days, written locally in ${seconds(performance.now() - t0)})`,
    );
    const runs: PhaseTimes[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times = await pushedCopy(source, `ticks${run}`, async (cloud, report) => {
        const stored = Number(
          (
            await cloud.pool.query<{ n: string }>(`SELECT count(*) AS n FROM tpj.tick_data WHERE workspace_id = $1`, [
              WORKSPACE,
            ])
          ).rows[0]?.n,
        );
        if (stored !== count || report.tickRows !== count) {
          throw new Error(`tick push wrong: ${count} local, ${report.tickRows} reported, ${stored} in the cloud`);
        }
      });
      console.log(
        `sync ticks, run ${run + 1}: ${count} in ${seconds(times.total)} (${rate(count, times.total)} rows/s whole syncOnce; tick phase ${seconds(times.ticks)} = ${rate(count, times.ticks)} rows/s)`,
      );
      runs.push(times);
    }
    const mid = median(runs, (t) => t.total);
    return {
      work: `push ${count / 1e6}M ticks (one syncOnce, ${shape.symbols * shape.days} day chunks)`,
      measured: count / (mid.total / 1000),
      unit: 'rows/s',
      budget: 300_000,
      kind: 'above',
      note: `median of ${RUNS} (whole syncOnce ${runs.map((t) => seconds(t.total)).join(', ')}); tick phase of the median run ${seconds(mid.ticks)}; cloud holds ${count}`,
    };
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
}

/** Pushes per bench row, each from a fresh copy of the same journal into a fresh database. */
const RUNS = Math.max(1, Number(process.env.BENCH_SYNC_RUNS ?? 3));

const rate = (rows: number, ms: number): string => (rows / (ms / 1000)).toFixed(0);

/** The run whose `key` is the median (the middle one; the upper middle of an even count). */
function median<T>(runs: readonly T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}

/**
 * Copy the journal in `source`, sync it once into a new cloud database (migrated first,
 * outside the figures), check the result with `check`, and clean up; the phase times.
 */
async function pushedCopy(
  source: string,
  name: string,
  check: (cloud: CloudDb, report: SyncReport) => Promise<void>,
): Promise<PhaseTimes & { report: SyncReport }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tpj-bench-sync-${name}-`));
  cpSync(source, dataDir, { recursive: true });
  const database = await benchDatabase(name);
  const core = createCore({ dataDir, sync: { config: null } });
  const cloud = await CloudDb.open({ url: database.url, workspaceId: WORKSPACE, statementTimeoutMs: 600_000 });
  try {
    await cloud.migrate(); // once per database, not per sync: kept out of the figure
    const engine = new SyncEngine({ store: core.store, cloud });
    const clock = phaseClock(cloud);
    clock.start();
    const report = await engine.syncOnce();
    const times = clock.stop();
    await check(cloud, report);
    return { ...times, report };
  } finally {
    await cloud.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

/**
 * Several symbols × weekdays of prints during US hours, two prints per microsecond stamp
 * (seq 0 and 1), with one prepared statement in one transaction.
 */
function writeTicks(
  db: ReturnType<typeof createCore>['store']['db'],
  count: number,
): { symbols: number; days: number } {
  const symbols = 10;
  const days = Math.max(1, Math.ceil(count / symbols / 5_000));
  const perChunk = Math.ceil(count / (symbols * days));
  const insert = db.prepare(`INSERT INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, ?, ?, ?)`);
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  db.transaction(() => {
    let written = 0;
    for (let s = 0; s < symbols && written < count; s++) {
      for (let d = 0; d < days && written < count; d++) {
        const open = (Date.UTC(2026, 9, 1) + d * 86_400_000 + 13.5 * 3_600_000) * 1000;
        let price = 100 + s * 25;
        for (let i = 0; i < perChunk && written < count; i++, written++) {
          price = Math.max(1, price + Math.round((random() - 0.5) * 8) * 0.01);
          insert.run(
            `SYM${s}`,
            open + Math.floor(i / 2) * 4_000_000,
            i % 2,
            Number(price.toFixed(2)),
            1 + Math.floor(random() * 500),
          );
        }
      }
    }
  })();
  return { symbols, days };
}

/**
 * The demo journal other benches use (100k trades), pushed whole by a device's first sync,
 * `RUNS` times from copies of the same journal.
 */
async function benchTradePush(trades: number): Promise<BenchRow> {
  const source = mkdtempSync(join(tmpdir(), 'tpj-bench-sync-trades-'));
  try {
    const t0 = performance.now();
    const core = createCore({ dataDir: source, sync: { config: null } });
    loadDemoJournal(core.store, { trades, seed: 42, endDay: '2026-11-20' });
    const db = core.store.db;
    const local = Object.fromEntries(
      cloudEntities.map((e) => [e.name, db.prepare(`SELECT count(*) FROM ${e.name}`).pluck().get() as number]),
    );
    const outbox = db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number;
    const ticks = db.prepare(`SELECT count(*) FROM ticks`).pluck().get() as number;
    core.close();
    console.log(
      `(setup: demo journal of ${trades} trades in ${seconds(performance.now() - t0)}; ${outbox} outbox records, ${ticks} ticks; rows ${JSON.stringify(local)})`,
    );
    const distinct = Object.values(local).reduce((a, b) => a + b, 0);
    const runs: (PhaseTimes & { report: SyncReport })[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times = await pushedCopy(source, `trades${run}`, async (cloud) => {
        const digest = await cloud.digest();
        const wrong = cloudEntities.filter((e) => digest[e.name]?.rows !== local[e.name]).map((e) => e.name);
        if (wrong.length > 0) {
          throw new Error(`trade push wrong: the cloud's row counts differ from this device's for ${wrong.join(', ')}`);
        }
      });
      const { report } = times;
      console.log(
        `sync trades, run ${run + 1}: push ${seconds(times.push)} of ${report.pushedRows} row sends for ${distinct} rows from ${report.pushedRecords} outbox records; ticks ${seconds(times.ticks)} (${report.tickRows}); pull ${seconds(times.pull)} (${report.pulledRows} rows back, ${report.appliedRows} applied, ${report.regroupedSymbols} symbols regrouped); whole syncOnce ${seconds(times.total)}`,
      );
      runs.push(times);
    }
    const mid = median(runs, (t) => t.push);
    const detail = `${mid.report.pushedRows} row sends for ${distinct} rows (${local.trades} trades, ${local.executions} executions, ${local.trade_tags} trade tags, ${local.journal_entries} journal entries) from ${mid.report.pushedRecords} outbox records`;
    return {
      work: `push ${trades / 1000}k trades (push phase of the first syncOnce)`,
      measured: mid.push,
      unit: 'ms',
      budget: 3_000,
      kind: 'below',
      note: `median of ${RUNS} (push ${runs.map((t) => seconds(t.push)).join(', ')}); ${detail}; median run's whole syncOnce ${seconds(mid.total)} (ticks ${seconds(mid.ticks)}, pull of own rows ${seconds(mid.pull)})`,
    };
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const trades = Number(process.env.BENCH_TRADES ?? 100_000);
  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const rows = await benchSync(trades);
  console.log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log('');
  printReport(rows);
}
