import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from '../types';
import { ibkrFlexXmlFormat } from './ibkr-flex-xml';

const realDir = fileURLToPath(new URL('../../../../shared/fixtures/brokers/', import.meta.url));
const ownDir = fileURLToPath(new URL('../../../tests/fixtures/brokers/', import.meta.url));
const utc = (iso: string): number => Date.parse(iso);

if (!existsSync(realDir))
  console.info(`ibkr-flex-xml: real broker files not found at ${realDir}; golden tests skipped`);

describe.runIf(existsSync(realDir))('ibkr-flex-xml on the real Flex report', () => {
  // The describe body runs while tests are collected even when skipped: read only if present.
  const text = existsSync(realDir) ? readFileSync(`${realDir}ibkr-flex-report.xml`, 'utf8') : '';
  const result = existsSync(realDir)
    ? ibkrFlexXmlFormat.parse(text, {
        fileName: 'ibkr-flex-report.xml',
      })
    : { executions: [], ignored: 0, errors: [], warnings: [] };

  it('reads the four <Trade> executions and ignores the open-position snapshot', () => {
    expect(result.executions).toHaveLength(4);
    expect(result.ignored).toBe(1);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('matches hand-checked rows', () => {
    // Line 8: buySell="BUY" quantity="691" tradePrice="43.1" ibCommission="-3.455";
    // dateTime="20260126;115715" is 11:57:15 New York time, EST (UTC−5) in January → 16:57:15Z.
    expect(result.executions[0]).toEqual({
      brokerExecId: 'EXEC00001',
      orderId: 'ORD00001',
      account: 'U1234567',
      symbol: 'GOLD',
      assetClass: 'stock',
      side: 'buy',
      quantity: '691',
      price: '43.1',
      fee: '3.455',
      currency: 'USD',
      executedAt: utc('2026-01-26T16:57:15Z'),
      line: 8,
    });
    // Line 9: SELL quantity="-100" (sign dropped), 44.19, ibCommission="-1.1108314";
    // 20260615;130207 is EDT (UTC−4) in June → 17:02:07Z.
    expect(result.executions[1]).toMatchObject({
      symbol: 'GOLD',
      side: 'sell',
      quantity: '100',
      price: '44.19',
      fee: '1.1108314',
      executedAt: utc('2026-06-15T17:02:07Z'),
      line: 9,
    });
    // Lines 10–11: two fills of order ORD00003 (103 + 137 @ 300) at 20260518;093004 EDT → 13:30:04Z.
    expect(result.executions.slice(2).map((e) => [e.orderId, e.quantity, e.price, e.fee, e.executedAt])).toEqual([
      ['ORD00003', '103', '300', '1.000309', utc('2026-05-18T13:30:04Z')],
      ['ORD00003', '137', '300', '0.200411', utc('2026-05-18T13:30:04Z')],
    ]);
  });

  it('is recognised with high confidence', () => {
    expect(ibkrFlexXmlFormat.detect(text.slice(0, 65536), 'ibkr-flex-report.xml')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('ibkr-flex-xml on awkward made-up statements', () => {
  const text = readFileSync(`${ownDir}ibkr-flex-awkward.xml`, 'utf8');
  const result = ibkrFlexXmlFormat.parse(text, { fileName: 'awkward.xml' });

  it('keeps only real fills and counts what it skipped', () => {
    // Kept: MSFT (line 10), SPY option (11), NVDA rebooked fill (14), EUR.USD (15), MESM5 (20).
    expect(result.executions.map((e) => [e.line, e.symbol])).toEqual([
      [10, 'MSFT'],
      [11, 'SPY   250321C00580000'],
      [14, 'NVDA'],
      [15, 'EUR.USD'],
      [20, 'MESM5'],
    ]);
    // OpenPosition, Order, Lot, the cancellation on line 13 and the fill it voids (line 12),
    // and the cancellation on line 19 whose original is not in the file.
    expect(result.ignored).toBe(6);
  });

  it('adds taxes to the commission and sums costs as a positive fee', () => {
    expect(result.executions[0]).toMatchObject({ side: 'buy', quantity: '10', price: '395.5', fee: '1.25' });
  });

  it('reads times in New York time across the March DST change, and honours a zone suffix', () => {
    expect(result.executions[0]?.executedAt).toBe(utc('2025-03-03T15:00:00Z')); // EST
    expect(result.executions[1]?.executedAt).toBe(utc('2025-03-10T19:45:00Z')); // EDT, ISO-style dateTime
    expect(result.executions[3]?.executedAt).toBe(utc('2025-03-12T13:00:00Z')); // "080000 EST" wins over EDT
  });

  it('maps asset categories and sides', () => {
    expect(result.executions.map((e) => [e.assetClass, e.side, e.quantity])).toEqual([
      ['stock', 'buy', '10'],
      ['option', 'sell', '2'],
      ['stock', 'buy', '50'],
      ['forex', 'sell', '20000'],
      ['future', 'sell', '1'],
    ]);
    expect(result.executions[2]).toMatchObject({ brokerExecId: 'E5', price: '110.02' });
  });

  it('reports bad rows with file, line and column, and keeps going', () => {
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'awkward.xml', line: 16, column: 'tradePrice' }),
      expect.objectContaining({ file: 'awkward.xml', line: 17, column: 'assetCategory' }),
      expect.objectContaining({ file: 'awkward.xml', line: 18, column: 'dateTime' }),
    ]);
  });

  it('warns about multipliers, foreign-currency commission and an unmatched cancellation', () => {
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [11, 'multiplier'],
      [15, 'ibCommissionCurrency'],
      [20, 'multiplier'],
      [19, 'buySell'],
    ]);
  });

  it('uses the trader-set zone instead of New York', () => {
    const london = ibkrFlexXmlFormat.parse(text, { fileName: 'awkward.xml', timeZone: 'Europe/London' });
    expect(london.executions[0]?.executedAt).toBe(utc('2025-03-03T10:00:00Z'));
  });

  it('matches a cancellation by trade id when it has no origTransactionID', () => {
    const byTradeId = ibkrFlexXmlFormat.parse(text.replace(' origTransactionID="X3"', ''), { fileName: 'a.xml' });
    expect(byTradeId.executions.map((e) => e.line)).toEqual([10, 11, 14, 15, 20]);
    expect(byTradeId.ignored).toBe(6);
  });

  it('refuses an unknown zone', () => {
    expect(() => ibkrFlexXmlFormat.parse(text, { fileName: 'a.xml', timeZone: 'Mars/Olympus' })).toThrow(
      ImportFormatError,
    );
  });

  it('reads a statement with no trades', () => {
    const empty = ibkrFlexXmlFormat.parse(readFileSync(`${ownDir}ibkr-flex-empty.xml`, 'utf8'), { fileName: 'e.xml' });
    expect(empty).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });

  it('throws ImportFormatError for a file that is not a Flex report', () => {
    expect(() => ibkrFlexXmlFormat.parse('<html><body>hi</body></html>', { fileName: 'x.xml' })).toThrow(
      ImportFormatError,
    );
    expect(() => ibkrFlexXmlFormat.parse('Symbol,Side\nAAPL,BUY\n', { fileName: 'x.csv' })).toThrow(ImportFormatError);
  });

  it('detects Flex XML and nothing else', () => {
    expect(ibkrFlexXmlFormat.detect(text, 'a.xml')).toBeGreaterThanOrEqual(0.9);
    expect(ibkrFlexXmlFormat.detect('Symbol,Side,Qty\n', 'a.csv')).toBe(0);
  });
});
