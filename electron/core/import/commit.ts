import type { AccountPlan, ImportSummary } from '../../../shared/contract';
import type { ImportIssue } from '../../../shared/import/types';
import { analyzeQuickly } from '../db/analyze';
import { regroupSymbols, type SymbolKey } from '../journal/regroup';
import { newId, WHOLE_ROW, type Store } from '../journal/store';

export type CommitInput = {
  session: string;
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
 * (set-based, with their outbox records), the re-derived trades of every touched symbol,
 * and a line of import history. Anything that fails rolls all of it back.
 */
export function commitStaged(store: Store, input: CommitInput): ImportSummary {
  const db = store.db;
  const batchId = newId();
  const now = Date.now();
  let inserted = 0;
  let staged = 0;
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
    w.bulk('executions', ({ hlc, deviceId }) => {
      staged = db
        .prepare(`SELECT count(*) FROM temp.import_stage WHERE session = ?`)
        .pluck()
        .get(input.session) as number;
      inserted = db
        .prepare(
          `INSERT INTO executions (id, account_id, dedupe_key, broker_exec_id, order_id, symbol, asset_class, side,
             quantity, price, fee, currency, executed_at, source, hlc, device_id)
           SELECT s.exec_id, s.account_id, s.dedupe_key, s.broker_exec_id, s.order_id, s.symbol, s.asset_class, s.side,
             s.quantity, s.price, s.fee, coalesce(s.currency, a.currency), s.executed_at, @batch, @hlc, @device
           FROM temp.import_stage s JOIN accounts a ON a.id = s.account_id
           WHERE s.session = @session
           ORDER BY s.rowid
           ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
        )
        .run({ batch: batchId, hlc, device: deviceId, session: input.session }).changes;
      db.prepare(
        `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at)
         SELECT s.mutation_id, 'executions', e.id, 'upsert', @whole, @hlc, @now
         FROM temp.import_stage s JOIN executions e ON e.id = s.exec_id
         WHERE s.session = @session ORDER BY s.rowid`,
      ).run({ hlc, now, session: input.session, whole: WHOLE_ROW });
    });
    // Every staged symbol, new fills or not: cheaper than joining to find only the new ones,
    // and re-grouping an unchanged symbol writes nothing.
    keys = db
      .prepare(`SELECT DISTINCT account_id AS accountId, symbol FROM temp.import_stage WHERE session = ?`)
      .all(input.session) as SymbolKey[];
    const grouped = regroupSymbols(store, w, keys);
    db.prepare(
      `INSERT INTO import_batches (id, created_at, files, formats, executions_new, executions_duplicate, ignored, errors,
         trades_created, trades_updated, trades_removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      batchId,
      now,
      JSON.stringify(input.files),
      JSON.stringify(input.formats),
      inserted,
      staged - inserted,
      input.ignored,
      input.errors,
      grouped.created,
      grouped.updated,
      grouped.removed,
    );
    return {
      importId: input.importId,
      batchId,
      executions: { new: inserted, duplicate: staged - inserted },
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
