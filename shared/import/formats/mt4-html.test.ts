import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sum } from '../../domain/money';
import { decodeBytes } from '../decode';
import { ImportFormatError } from '../types';
import { mt4HtmlFormat } from './mt4-html';

const realDir = fileURLToPath(new URL('../../../../shared/fixtures/brokers/', import.meta.url));
const ownDir = fileURLToPath(new URL('../../../tests/fixtures/brokers/', import.meta.url));
const utc = (iso: string): number => Date.parse(iso);
const byId = (executions: { brokerExecId: string | null }[], id: string) =>
  executions.find((e) => e.brokerExecId === id);

if (!existsSync(realDir)) console.info(`mt4-html: real broker files not found at ${realDir}; golden tests skipped`);

describe.runIf(existsSync(realDir))('mt4-html on the real statement', () => {
  // The describe body runs while tests are collected even when skipped: read only if present.
  const text = existsSync(realDir) ? decodeBytes(readFileSync(`${realDir}mt4-statement.htm`)).text : '';
  const result = existsSync(realDir)
    ? mt4HtmlFormat.parse(text, {
        fileName: 'mt4-statement.htm',
      })
    : { executions: [], ignored: 0, errors: [], warnings: [] };

  it('turns 124 closed tickets into 248 fills plus 1 fill for the open ticket', () => {
    expect(result.executions).toHaveLength(249);
    // 3 cancelled buy limits and the balance deposit.
    expect(result.ignored).toBe(4);
    expect(result.errors).toEqual([]);
  });

  it('matches the statement totals for commission and swap', () => {
    // Closed totals row (line 172): commission −2 265.77, taxes 0.00, swap −308.60;
    // the open ticket adds commission −16.30 (its swap is 0.00 and not final anyway).
    expect(sum(result.executions.map((e) => e.fee))).toBe('2590.67');
  });

  it('matches hand-checked tickets', () => {
    // Line 40: ticket 77953025, buy 3.56 lots gbpjpy at 180.190 on 2023.12.29 07:32:27, closed
    // 14:56:11 at 179.974, commission −22.70. 3.56 lots × 100,000 = 356,000 GBP; no zone → UTC.
    expect(byId(result.executions, '77953025:open')).toEqual({
      brokerExecId: '77953025:open',
      orderId: '77953025',
      account: 'ACCOUNT-REDACTED',
      symbol: 'GBPJPY',
      assetClass: 'forex',
      side: 'buy',
      quantity: '356000',
      price: '180.19',
      fee: '22.7',
      currency: 'JPY',
      executedAt: utc('2023-12-29T07:32:27Z'),
      line: 40,
    });
    expect(byId(result.executions, '77953025:close')).toMatchObject({
      side: 'sell',
      quantity: '356000',
      price: '179.974',
      fee: '0',
      executedAt: utc('2023-12-29T14:56:11Z'),
    });
    // Line 43: 77896825 buy 5.54 audusd 0.68287 → 0.68546, commission −18.92, swap −147.92,
    // profit "1 434.86" = 554,000 × (0.68546 − 0.68287): the units are right.
    expect(byId(result.executions, '77896825:open')).toMatchObject({
      quantity: '554000',
      price: '0.68287',
      fee: '18.92',
      currency: 'USD',
    });
    expect(byId(result.executions, '77896825:close')).toMatchObject({
      side: 'sell',
      price: '0.68546',
      fee: '147.92',
      executedAt: utc('2023-12-28T02:03:19Z'),
    });
    // Line 44: 77751702 is a short: sell 6.12 usdcad at 1.33912, bought back at 1.33595.
    expect(byId(result.executions, '77751702:open')).toMatchObject({
      side: 'sell',
      quantity: '612000',
      price: '1.33912',
      currency: 'CAD',
    });
    expect(byId(result.executions, '77751702:close')).toMatchObject({ side: 'buy', price: '1.33595', fee: '0' });
    // Line 164: 75458463 sell 4.41 audusd, swap +1.76 is a credit → fee −1.76 on the close.
    expect(byId(result.executions, '75458463:close')).toMatchObject({
      side: 'buy',
      price: '0.64309',
      fee: '-1.76',
      executedAt: utc('2023-09-13T02:47:14Z'),
    });
    // Line 42: 77921632 buy 1.42 xauusd stays 1.42 lots (contract size unknown), commission −14.77.
    expect(byId(result.executions, '77921632:open')).toMatchObject({
      symbol: 'XAUUSD',
      assetClass: 'future',
      quantity: '1.42',
      price: '2079.79',
      fee: '14.77',
    });
    // Line 112: ndx 1.11 lots; profit −1 111.11 = 1.11 × 10 × −100.1 shows this broker's NDX lot is 10
    // units, which the statement does not say: hence lots and a warning.
    expect(byId(result.executions, '76492085:open')).toMatchObject({
      symbol: 'NDX',
      quantity: '1.11',
      price: '14250.5',
      fee: '6.11',
    });
    // Line 188: open ticket 78412103 sell 4.95 audusd at 0.65877, commission −16.30: one fill only.
    expect(byId(result.executions, '78412103:open')).toMatchObject({
      side: 'sell',
      quantity: '495000',
      price: '0.65877',
      fee: '16.3',
      executedAt: utc('2024-01-19T02:30:38Z'),
      line: 188,
    });
    expect(byId(result.executions, '78412103:close')).toBeUndefined();
  });

  it('warns once about the zone, once per non-pair symbol and once per foreign quote currency', () => {
    expect(result.warnings[0]).toMatchObject({ line: 1, column: null });
    const symbols = result.warnings.slice(1).map((w) => /^(\w+)/.exec(w.message)?.[1]);
    expect(symbols).toEqual(['GBPJPY', 'XAUUSD', 'USDCAD', 'XTIUSD', 'USDJPY', 'AUDCAD', 'NDX']);
  });

  it('is recognised with high confidence', () => {
    expect(mt4HtmlFormat.detect(text.slice(0, 65536), 'mt4-statement.htm')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('mt4-html on a made-up UTF-16LE statement', () => {
  const bytes = readFileSync(`${ownDir}mt4-utf16.htm`);
  const decoded = decodeBytes(bytes);
  const result = mt4HtmlFormat.parse(decoded.text, { fileName: 'mt4-utf16.htm' });

  it('is decoded from UTF-16LE with a BOM and detected', () => {
    expect(decoded).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(mt4HtmlFormat.detect(decoded.text, 'mt4-utf16.htm')).toBeGreaterThanOrEqual(0.9);
  });

  it('imports buys, sells and the open ticket, skipping pending orders and cash rows', () => {
    expect(result.executions.map((e) => e.brokerExecId)).toEqual([
      '900001:open',
      '900001:close',
      '900002:open',
      '900002:close',
      '900005:open',
      '900005:close',
      '900010:open',
    ]);
    // Cancelled sell stop and buy limit, balance, credit, and the working sell limit.
    expect(result.ignored).toBe(5);
  });

  it('puts commission and taxes on the opening fill and swap on the closing fill', () => {
    expect(result.executions.map((e) => [e.side, e.quantity, e.price, e.fee])).toEqual([
      ['buy', '100000', '1.075', '7'],
      ['sell', '100000', '1.08734', '1.5'],
      ['sell', '50000', '188.5', '3.5'],
      ['buy', '50000', '186.1', '-2.25'], // positive swap: a credit
      ['buy', '0.1', '2020.5', '1.1'], // commission −1.00 + taxes −0.10
      ['sell', '0.1', '2031.25', '0'],
      ['buy', '200000', '150.25', '14'], // floating swap −3.20 left out
    ]);
  });

  it('reads server time as UTC by default and in the given zone otherwise', () => {
    expect(result.executions[0]?.executedAt).toBe(utc('2024-02-05T09:15:00Z'));
    const athens = mt4HtmlFormat.parse(decoded.text, { fileName: 'mt4-utf16.htm', timeZone: 'Europe/Athens' });
    expect(athens.executions[0]?.executedAt).toBe(utc('2024-02-05T07:15:00Z')); // EET, UTC+2
    expect(athens.warnings.some((w) => w.message.includes('server time'))).toBe(false);
  });

  it('reports bad rows by line and column and keeps the rest', () => {
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'mt4-utf16.htm', line: 26, column: 'Size' }),
      expect.objectContaining({ file: 'mt4-utf16.htm', line: 27, column: 'Close Time' }),
    ]);
  });

  it('warns about the zone, the gold contract size and yen prices', () => {
    expect(result.warnings.map((w) => w.line)).toEqual([1, 22, 25, 38]);
  });

  it('reads a statement with no transactions', () => {
    const empty = mt4HtmlFormat.parse(readFileSync(`${ownDir}mt4-empty.htm`, 'utf8'), {
      fileName: 'e.htm',
      timeZone: 'UTC',
    });
    expect(empty).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });

  it('throws ImportFormatError for other HTML', () => {
    expect(() => mt4HtmlFormat.parse('<html><table><tr><td>1</td></tr></table></html>', { fileName: 'x.htm' })).toThrow(
      ImportFormatError,
    );
    expect(mt4HtmlFormat.detect('<html><table><tr><td>1</td></tr></table></html>', 'x.htm')).toBe(0);
  });
});
