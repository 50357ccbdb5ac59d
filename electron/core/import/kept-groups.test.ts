import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExecutions } from '../../../scripts/gen-executions';
import { tempCore } from '../../../tests/support/temp-core';
import type { Core } from '../core';

/** Every trade and leg, ordered, without the clock stamps that differ between journals. */
function journalContents(core: Core) {
  const db = core.store.db;
  const trades = db
    .prepare(
      `SELECT t.id, a.name AS account, symbol, side, status, opened_at, closed_at, quantity, entry_price, exit_price,
              gross_pnl, fees, net_pnl, outcome, t.deleted_hlc IS NOT NULL AS deleted
       FROM trades t JOIN accounts a ON a.id = t.account_id ORDER BY t.opened_at, t.symbol, a.name`,
    )
    .all() as { id: string }[];
  const legs = db
    .prepare(
      `SELECT e.dedupe_key, l.quantity, l.fee, l.role, t.opened_at FROM trade_legs l
       JOIN executions e ON e.id = l.execution_id JOIN trades t ON t.id = l.trade_id
       ORDER BY e.dedupe_key, t.opened_at`,
    )
    .all();
  // Trade ids are execution ids, which are new in each journal: compare everything else.
  return { trades: trades.map(({ id: _id, ...rest }) => rest), legs };
}

describe('grouping an import from the rows kept in memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tpj-kept-'));
  const full = join(dir, 'full.csv');
  const firstHalf = join(dir, 'first-half.csv');
  beforeAll(async () => {
    await generateExecutions({ format: 'tradezero', rows: 3000, seed: 7, out: full });
    const lines = readFileSync(full, 'utf8').trimEnd().split('\n');
    writeFileSync(firstHalf, `${lines.slice(0, 1600).join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function importInto(core: Core, path: string, keepRows: number) {
    const preview = await core.imports.preview([{ fileName: 'tz.csv', path }], { accountId: null, keepRows });
    const result = await core.invoke('import.commit', { importId: preview.importId });
    if (!result.ok) throw new Error(result.error.message);
    const summary = result.value as { trades: { created: number }; executions: object; warnings: object[] };
    return { trades: summary.trades, executions: summary.executions, warnings: summary.warnings };
  }

  it('gives the same trades and legs as reading the fills back from the journal', async () => {
    const kept = tempCore();
    const readBack = tempCore();
    try {
      // Part of the file first (new symbols: grouped from memory when allowed), then the whole
      // file (overlapping: earlier fills exist, so both journals read their fills back).
      const a1 = await importInto(kept.core, firstHalf, 250_000);
      const b1 = await importInto(readBack.core, firstHalf, 0);
      expect(a1).toEqual(b1);
      expect(a1.trades.created).toBeGreaterThan(100);
      expect(journalContents(kept.core)).toEqual(journalContents(readBack.core));
      const a2 = await importInto(kept.core, full, 250_000);
      const b2 = await importInto(readBack.core, full, 0);
      expect(a2).toEqual(b2);
      expect(journalContents(kept.core)).toEqual(journalContents(readBack.core));
    } finally {
      kept.dispose();
      readBack.dispose();
    }
  });
});
