import type { AccountPlan, ImportSummary } from '../../../shared/contract';
import type { ImportIssue } from '../../../shared/import/types';
import type { Database } from 'better-sqlite3';
import { analyzeQuickly } from '../db/analyze';
import { dropIndexesFor } from '../db/defer-indexes';
import { regroupSymbols, type SymbolKey } from '../journal/regroup';
import { logExecutionsOfSource, newId, type Store } from '../journal/store';
import { keptExecutionsOfNewSymbols, knownExecutionsOf } from './kept-groups';
import type { Stage } from './stage';

export type CommitInput = {
  stage: Stage;
  importId: string;
  accounts: AccountPlan[];
  brokerLabel: string;
  files: string[];
  formats: string[];
  ignored: number;
  errors: number;
};

/**
 * Write a staged import as one mutation: new accounts, the executions not already present
 * (set-based, with one outbox record for the batch), the re-derived trades of every touched symbol,
 * and a line of import history. Anything that fails rolls all of it back.
 */
export function commitStaged(store: Store, input: CommitInput): ImportSummary {
  const db = store.db;
  // Staging filled the TEMP page cache (up to 64 MB); the commit only scans the staged rows
  // once. Free those pages first, so the main cache the commit fills reuses their memory
  // instead of both caches peaking together (~60 MB of a 200 MB import's peak RSS).
  const tempCache = db.pragma('temp.cache_size', { simple: true }) as number;
  db.pragma(`temp.cache_size = ${COMMIT_TEMP_CACHE_KIB}`);
  try {
    return commitWithCaches(store, input);
  } finally {
    if (db.open) db.pragma(`temp.cache_size = ${tempCache}`);
  }
}

/**
 * Building an index over a finished table cost about a fifth per row of keeping it up row
 * by row (22k trades: building seven indexes ~75 ms; keeping them up ~390 ms, 576 ms
 * for rows and indexes less 185 ms for the rows alone). So the commit rebuilds when
 * the import's new trades should outnumber the journal's trades: when the journal holds
 * fewer trades than the new fills over this (busy intraday files have 4-5 fills a trade).
 */
const FILLS_PER_TRADE_FOR_REBUILD = 8;
/** Below this there is little to save, and a schema change makes every prepared statement prepare again. */
const MIN_FILLS_FOR_REBUILD = 1000;
/** regroupSymbols reads each symbol's stored trades through this index. */
const KEPT_TRADE_INDEXES = ['trades_by_symbol_time'];

function tradesFewerThan(db: Database, limit: number): boolean {
  const n = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM trades LIMIT ?)`).pluck().get(Math.ceil(limit)) as number;
  return n < limit;
}

/** 2 MB: enough for a sequential scan and the commit's small GROUP BY. */
const COMMIT_TEMP_CACHE_KIB = -2048;

function commitWithCaches(store: Store, input: CommitInput): ImportSummary {
  const db = store.db;
  const batchId = newId();
  const now = Date.now();
  let inserted = 0;
  let stagedRows = 0;
  // Rows the stage refused as repeats of an earlier row of this import count as duplicates.
  const repeated = [...input.stage.repeated.values()].reduce((a, b) => a + b, 0);
  let keys: SymbolKey[] = [];
  const summary = store.mutate((w) => {
    for (const plan of input.accounts) {
      if (!plan.create || plan.accountId === null) continue;
      w.insert('accounts', {
        id: plan.accountId,
        name: plan.accountName,
        broker: input.brokerLabel,
        currency: 'USD',
        time_zone: null,
        created_at: now,
      });
    }
    const { rows, plan } = input.stage;
    const kept = keptExecutionsOfNewSymbols(db, input.stage);
    w.bulk('executions', ({ hlc, deviceId }) => {
      stagedRows = db.prepare(`SELECT count(*) FROM ${rows}`).pluck().get() as number;
      inserted = db
        .prepare(
          `INSERT INTO executions (id, account_id, dedupe_key, broker_exec_id, order_id, symbol, asset_class, side,
             quantity, price, fee, currency, executed_at, source, hlc, device_id)
           SELECT s.exec_id, p.account_id, s.dedupe_key, s.broker_exec_id, s.order_id, s.symbol, s.asset_class, s.side,
             s.quantity, s.price, s.fee, coalesce(s.currency, a.currency), s.executed_at, @batch, @hlc, @device
           FROM ${rows} s JOIN ${plan} p ON p.label = s.label JOIN accounts a ON a.id = p.account_id
           ORDER BY s.rowid
           ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
        )
        .run({ batch: batchId, hlc, device: deviceId }).changes;
      // Executions never change once written, so one change-log record names the whole
      // batch (every execution whose source is it) instead of one record per fill.
      if (inserted > 0) logExecutionsOfSource(db, batchId, hlc, now);
    });
    // The kept rows are exactly the new fills only when every staged row went in.
    const known = inserted === stagedRows ? kept : null;
    // The symbols that gained fills, in file order (so warnings are); a re-import of a known file regroups nothing.
    keys =
      inserted === 0
        ? []
        : known
          ? known.keys
          : (db
              .prepare(
                inserted === stagedRows
                  ? `SELECT p.account_id AS accountId, s.symbol FROM ${rows} s JOIN ${plan} p ON p.label = s.label
                   GROUP BY 1, 2 ORDER BY min(s.rowid)`
                  : `SELECT account_id AS accountId, symbol FROM executions WHERE source = ? GROUP BY 1, 2 ORDER BY min(rowid)`,
              )
              .all(...(inserted === stagedRows ? [] : [batchId])) as SymbolKey[]);
    // An import bigger than the journal builds the trades' indexes afresh rather than row by row.
    const rebuild =
      inserted >= MIN_FILLS_FOR_REBUILD && tradesFewerThan(db, inserted / FILLS_PER_TRADE_FOR_REBUILD)
        ? dropIndexesFor(db, 'trades', KEPT_TRADE_INDEXES)
        : null;
    const grouped = regroupSymbols(store, w, keys, (key) => knownExecutionsOf(known?.known, key), {
      sortLegs: kept !== null,
    });
    rebuild?.();
    db.prepare(
      `INSERT INTO import_batches (id, created_at, files, formats, executions_new, executions_duplicate, ignored, errors,
         trades_created, trades_updated, trades_removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      batchId,
      now,
      JSON.stringify(input.files),
      JSON.stringify(input.formats),
      inserted,
      stagedRows + repeated - inserted,
      input.ignored,
      input.errors,
      grouped.created,
      grouped.updated,
      grouped.removed,
    );
    return {
      importId: input.importId,
      batchId,
      executions: { new: inserted, duplicate: stagedRows + repeated - inserted },
      ignored: input.ignored,
      errors: input.errors,
      trades: { created: grouped.created, updated: grouped.updated, removed: grouped.removed },
      accountsCreated: input.accounts.filter((a) => a.create).map((a) => a.accountName),
      warnings: grouped.warnings.map((g): ImportIssue => ({
        file: input.files.join(', '),
        line: 0,
        column: null,
        message: g.message,
      })),
    };
  });
  // Large imports reshape the data: refresh planner statistics outside the write.
  if (inserted > 10_000) analyzeQuickly(db);
  return summary;
}
