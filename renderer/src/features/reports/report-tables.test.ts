import { describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../../shared/contract';
import { computeStats, type StatsTrade } from '../../../../shared/domain/stats';
import { toCsv } from './csv';
import { csvOf, numericOf, rBinLabel, reportTables, sortRows } from './report-tables';

const hour = 3_600_000;
const base = Date.UTC(2026, 10, 16, 14, 30); // a Monday
function trade(id: string, symbol: string, side: 'long' | 'short', netPnl: string, extra: Partial<StatsTrade> = {}) {
  return {
    id,
    accountId: 'acc',
    symbol,
    side,
    status: 'closed',
    openedAt: base,
    closedAt: base + hour,
    netPnl,
    grossPnl: netPnl,
    fees: '0',
    rMultiple: null,
    playbookId: null,
    tagIds: [],
    quantity: '1',
    ...extra,
  } satisfies StatsTrade;
}

function stats(trades: StatsTrade[]): StatsResult {
  return { ...computeStats(trades, { timeZone: 'UTC' }), currency: 'USD', timeZone: 'UTC', unconverted: 0 };
}

const lookups = { tagName: (id: string) => ({ t1: 'A+ setup, "clean"' })[id], playbookName: () => undefined };

describe('report tables', () => {
  const result = stats([
    trade('1', 'AAPL', 'long', '100', { tagIds: ['t1'], rMultiple: '1.5', playbookId: 'gone' }),
    trade('2', 'AAPL', 'short', '-40', { rMultiple: '-0.8' }),
    trade('3', 'MSFT', 'long', '0'),
  ]);
  const tables = reportTables(result, lookups);
  const byId = (id: string) => tables.find((t) => t.id === id)!;

  it('has every breakdown the owner asked for, plus the daily P&L and R histogram', () => {
    expect(tables.map((t) => t.id)).toEqual([
      'playbook',
      'tag',
      'symbol',
      'side',
      'weekday',
      'hour',
      'holding',
      'month',
      'daily',
      'r-multiple',
    ]);
  });

  it('names keys in words: tags and playbooks by name, none and deleted ones said so', () => {
    expect(byId('tag').rows.map((r) => r.cells['label'])).toEqual(['A+ setup, "clean"', 'Untagged']);
    expect(byId('playbook').rows.map((r) => r.cells['label'])).toEqual(['(deleted)', 'No playbook']);
    expect(byId('weekday').rows[0]!.cells['label']).toBe('Monday');
    expect(byId('hour').rows[14]!.cells).toMatchObject({ label: '14:00', trades: 3 });
    expect(byId('side').rows.map((r) => r.cells['label'])).toEqual(['Long', 'Short']);
  });

  it('keeps n/a as null in the cells: a bucket without losses has no profit factor', () => {
    const msft = byId('symbol').rows.find((r) => r.cells['label'] === 'MSFT')!;
    expect(msft.cells['profitFactor']).toBeNull();
    expect(msft.cells['avgR']).toBeNull();
    const empty = byId('weekday').rows[6]!; // Sunday: no trades
    expect(empty.cells).toMatchObject({ trades: 0, winRate: null });
  });

  it('sorts by a numeric column either way with n/a last, and by text', () => {
    const symbol = byId('symbol');
    const desc = sortRows(symbol.rows, symbol.columns, { key: 'netPnl', descending: true });
    expect(desc.map((r) => r.cells['label'])).toEqual(['AAPL', 'MSFT']);
    const asc = sortRows(symbol.rows, symbol.columns, { key: 'netPnl', descending: false });
    expect(asc.map((r) => r.cells['label'])).toEqual(['MSFT', 'AAPL']);
    const pf = sortRows(symbol.rows, symbol.columns, { key: 'profitFactor', descending: false });
    expect(pf.at(-1)!.cells['label']).toBe('MSFT');
    const byName = sortRows(symbol.rows, symbol.columns, { key: 'label', descending: true });
    expect(byName.map((r) => r.cells['label'])).toEqual(['MSFT', 'AAPL']);
  });

  it('exports raw values: decimal strings as they are, n/a for nulls, quoted names', () => {
    const tag = byId('tag');
    const { header, rows } = csvOf(tag, tag.rows);
    const lines = toCsv(header, rows).split('\r\n');
    expect(lines[0]).toBe('Tag,Trades,Wins,Losses,Win rate,Net P&L,Avg R,Profit factor');
    expect(lines[1]).toBe('"A+ setup, ""clean""",1,1,0,1,100,1.5,n/a');
  });

  it('labels R bins and reads decimal strings as numbers', () => {
    expect(rBinLabel({ from: null, to: -3, trades: 0 })).toBe('below -3 R');
    expect(rBinLabel({ from: 3, to: null, trades: 0 })).toBe('3 R and above');
    expect(rBinLabel({ from: -0.5, to: 0, trades: 0 })).toBe('-0.5 to 0 R');
    expect(numericOf('-12.50')).toBe(-12.5);
    expect(numericOf('')).toBeNull();
    expect(numericOf(null)).toBeNull();
  });
});
