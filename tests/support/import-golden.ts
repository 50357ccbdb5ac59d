/**
 * Shared steps of the golden tests that import the real broker exports in
 * `<repo>/../shared/fixtures/brokers` (kept outside the repo: several have no licence to
 * redistribute) and check the journal trades they make.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import type { ImportPreview, ImportSummary } from '../../shared/contract';
import { sum } from '../../shared/domain/money';
import type { Trade } from '../../shared/domain/types';
import { countRows, type tempCore } from './temp-core';

export type Journal = ReturnType<typeof tempCore>;

/** From tests/support/ up to the repo, then one level out: the repo's sibling `shared/` folder. */
export const brokerFilesDir = fileURLToPath(new URL('../../../shared/fixtures/brokers/', import.meta.url));

const present = existsSync(brokerFilesDir);

/** A describe block that runs only when the real files are there, and says in one line when they are not. */
export function describeRealBrokerFile(fileName: string, body: () => void): void {
  if (!present) {
    console.info(
      `Real broker file tests for ${fileName} were not run: ${brokerFilesDir} does not exist ` +
        '(the real exports are kept outside the repo, in ../shared/fixtures/brokers).',
    );
  }
  describe.runIf(present)(`importing the real ${fileName}`, body);
}

/** A trade as the trader reads it: account by name, times as UTC ISO strings. */
export type TradeView = {
  account: string;
  symbol: string;
  side: Trade['side'];
  status: Trade['status'];
  quantity: string;
  entryPrice: string;
  exitPrice: string | null;
  grossPnl: string;
  fees: string;
  netPnl: string;
  currency: string;
  openedAt: string;
  closedAt: string | null;
};

function brokerFile(fileName: string): { fileName: string; dataBase64: string } {
  return { fileName, dataBase64: readFileSync(join(brokerFilesDir, fileName)).toString('base64') };
}

/** Previews and commits one real file, as the import dialog does. */
export async function importBrokerFile(
  t: Journal,
  fileName: string,
): Promise<{ preview: ImportPreview; summary: ImportSummary }> {
  const preview = await t.call('import.preview', { files: [brokerFile(fileName)] });
  const summary = await t.call('import.commit', { importId: preview.importId });
  return { preview, summary };
}

/** Every trade in the journal, oldest first (ties by account, then symbol). */
export async function journalTrades(t: Journal): Promise<TradeView[]> {
  const accounts = new Map((await t.call('accounts.list', {})).map((a) => [a.id, a.name]));
  const { items } = await t.call('trades.list', { limit: 1000 });
  return items
    .map((x): TradeView => ({
      account: accounts.get(x.accountId) ?? x.accountId,
      symbol: x.symbol,
      side: x.side,
      status: x.status,
      quantity: x.quantity,
      entryPrice: x.entryPrice,
      exitPrice: x.exitPrice,
      grossPnl: x.grossPnl,
      fees: x.fees,
      netPnl: x.netPnl,
      currency: x.currency,
      openedAt: new Date(x.openedAt).toISOString(),
      closedAt: x.closedAt === null ? null : new Date(x.closedAt).toISOString(),
    }))
    .sort(
      (a, b) =>
        a.openedAt.localeCompare(b.openedAt) || a.account.localeCompare(b.account) || a.symbol.localeCompare(b.symbol),
    );
}

/** The one trade of `symbol` (in `account`, when given) opened at `openedAt`; fails the test otherwise. */
export function tradeOpenedAt(
  trades: readonly TradeView[],
  symbol: string,
  openedAt: string,
  account?: string,
): TradeView {
  const found = trades.filter(
    (x) => x.symbol === symbol && x.openedAt === openedAt && (account === undefined || x.account === account),
  );
  expect(found, `trades of ${symbol} opened at ${openedAt}${account ? ` in ${account}` : ''}`).toHaveLength(1);
  return found[0] as TradeView;
}

/** How many trades are closed and how many still open. */
export function tradeCounts(trades: readonly TradeView[]): { closed: number; open: number } {
  const closed = trades.filter((x) => x.status === 'closed').length;
  return { closed, open: trades.length - closed };
}

/** Exact sum of net P&L per `key` (account name, or account and currency). */
function netBy(trades: readonly TradeView[], key: (x: TradeView) => string): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const x of trades) groups.set(key(x), [...(groups.get(key(x)) ?? []), x.netPnl]);
  return Object.fromEntries([...groups].map(([k, values]) => [k, sum(values)]));
}

/** Exact sum of net P&L per account name. */
export function netByAccount(trades: readonly TradeView[]): Record<string, string> {
  return netBy(trades, (x) => x.account);
}

/** Exact sum of net P&L per "account currency" (for files whose trades are in several currencies). */
export function netByAccountAndCurrency(trades: readonly TradeView[]): Record<string, string> {
  return netBy(trades, (x) => `${x.account} ${x.currency}`);
}

/** Exact sum of one money column over some trades. */
export function total(trades: readonly TradeView[], column: 'grossPnl' | 'fees' | 'netPnl'): string {
  return sum(trades.map((x) => x[column]));
}

async function journalState(t: Journal) {
  const { items } = await t.call('trades.list', { limit: 1000 });
  return {
    accounts: await t.call('accounts.list', {}),
    trades: [...items].sort((a, b) => a.id.localeCompare(b.id)),
    executions: countRows(t.core, 'executions'),
    outbox: countRows(t.core, 'outbox'),
  };
}

/**
 * Imports the same file again and checks it is a no-op: the preview finds every one of its
 * `executions` already in the journal and offers no new account or trade, and the commit
 * leaves accounts, trades, executions and the sync outbox exactly as they were.
 */
export async function expectReimportChangesNothing(t: Journal, fileName: string, executions: number): Promise<void> {
  const before = await journalState(t);
  const again = await t.call('import.preview', { files: [brokerFile(fileName)] });
  expect(again.totals).toMatchObject({ executions, new: 0, duplicate: executions, errors: 0 });
  expect(again.accounts.filter((a) => a.create)).toEqual([]);
  expect(again.trades).toEqual([]);
  const summary = await t.call('import.commit', { importId: again.importId });
  expect(summary).toMatchObject({
    executions: { new: 0, duplicate: executions },
    trades: { created: 0, updated: 0, removed: 0 },
    accountsCreated: [],
  });
  expect(await journalState(t)).toEqual(before);
}

/** The warning texts of a preview, in the order the trader sees them. */
export function warningTexts(preview: ImportPreview): string[] {
  return preview.files.flatMap((f) => f.warnings.map((w) => w.message));
}
