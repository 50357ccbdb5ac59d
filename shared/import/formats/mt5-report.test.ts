import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  iso,
  noteIfRealFilesMissing,
  OWN_DIR,
  quantitiesBySymbol,
  REAL_DIR,
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { decodeBytes } from '../decode';
import { detectFormat } from '../detect';
import { ImportFormatError, type ParseContext } from '../types';
import { mt5ReportFormat } from './mt5-report';

const MINE = ['mt5-report.htm', 'mt5-positions-only.htm', 'mt5-empty.htm'];
const read = (dir: string, name: string) => decodeBytes(readFileSync(`${dir}${name}`)).text;
const report = read(OWN_DIR, 'mt5-report.htm');
const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  mt5ReportFormat.parse(text, { fileName: 'ReportHistory-51234567.html', ...ctx });
const at = (text: string, line: number) =>
  parse(text)
    .executions.filter((e) => e.line === line)
    .map((e) => ({ ...e, executedAt: iso(e.executedAt) }));

noteIfRealFilesMissing('mt5-report');

describe('mt5-report detection', () => {
  it('is sure of its own reports, UTF-16LE ones included', () => {
    expect(decodeBytes(readFileSync(`${OWN_DIR}mt5-report.htm`))).toMatchObject({ encoding: 'utf-16le', bom: true });
    for (const name of MINE)
      expect(mt5ReportFormat.detect(read(OWN_DIR, name), name), name).toBeGreaterThanOrEqual(0.9);
  });

  it('is doubtful of every other invented fixture', () => {
    const others = readdirSync(OWN_DIR).filter((n) => !MINE.includes(n) && !n.endsWith('.ts'));
    for (const name of others) expect(mt5ReportFormat.detect(read(OWN_DIR, name), name), name).toBeLessThan(0.3);
  });

  describe.runIf(hasRealFiles)('on the real broker files', () => {
    it('is doubtful of each', () => {
      for (const name of readdirSync(REAL_DIR).filter((n) => n !== 'SOURCES.md')) {
        expect(mt5ReportFormat.detect(read(REAL_DIR, name).slice(0, 65536), name), name).toBeLessThan(0.3);
      }
    });
  });

  it('is the clear winner among the registered formats', () => {
    for (const name of MINE) {
      const [best, runnerUp] = detectFormat(read(OWN_DIR, name).slice(0, 65536), name);
      expect(best?.format.id, name).toBe('mt5-report');
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  it('leaves Strategy Tester reports alone', () => {
    const tester = report.replace('Trade History Report</b>', 'Strategy Tester Report</b>');
    expect(mt5ReportFormat.detect(tester, 'ReportTester.html')).toBe(0);
  });
});

describe('mt5-report on the invented report (tests/fixtures/brokers/mt5-report.htm)', () => {
  const result = parse(report);

  it('turns each buy/sell deal into one fill, named by its deal number', () => {
    expect(result.executions.map((e) => e.brokerExecId)).toEqual([
      '80000011',
      '80000012',
      '80000021',
      '80000022',
      '80000013',
      '80000023',
      '80000041',
      '80000042',
      '80000051',
      '80000052',
      '80000071',
    ]);
    // Deals: balance (line 94) and credit (100); Orders: canceled (75), expired (79), rejected (81);
    // Working Orders: the placed buy limit (123).
    expect(result.ignored).toBe(6);
    expect(result.errors).toEqual([]);
  });

  it('matches hand-checked deals', () => {
    // Line 95: buy in 1.00 EURUSD at 1.08512, order 90000011, commission −3.50; 1 lot = 100,000 EUR;
    // server time read as UTC.
    expect(at(report, 95)).toEqual([
      {
        brokerExecId: '80000011',
        orderId: '90000011',
        account: '51234567',
        symbol: 'EURUSD',
        assetClass: 'forex',
        side: 'buy',
        quantity: '100000',
        price: '1.08512',
        fee: '3.5',
        currency: 'USD',
        executedAt: '2024-03-04T09:30:05.000Z',
        line: 95,
      },
    ]);
    // Line 99: the second half closed, commission −1.75 and swap −1.20 → fee 2.95.
    expect(at(report, 99)).toMatchObject([{ side: 'sell', quantity: '50000', price: '1.087', fee: '2.95' }]);
    // Line 97: gold written "2 085.40" with a space group; stays 0.10 lots (contract size unknown).
    expect(at(report, 97)).toMatchObject([
      { symbol: 'XAUUSD', assetClass: 'future', side: 'sell', quantity: '0.1', price: '2085.4', fee: '0.7' },
    ]);
    // Line 98: the in/out reversal buys 0.30 (closes 0.10 short, opens 0.20 long) as one fill.
    expect(at(report, 98)).toMatchObject([
      { side: 'buy', quantity: '0.3', price: '2080.1', fee: '2.1', executedAt: '2024-03-05T14:20:31.000Z' },
    ]);
    // Line 103: USDJPY.r (suffix kept, upper-cased) priced in JPY; commission −1.40, fee −0.25,
    // swap +2.35 (a credit) → fee −(−1.40 − 0.25 + 2.35) = −0.70.
    expect(at(report, 103)).toMatchObject([
      { symbol: 'USDJPY.R', assetClass: 'forex', side: 'buy', quantity: '20000', price: '148.125', fee: '-0.7' },
    ]);
    expect(at(report, 103)[0]?.currency).toBe('JPY');
    // Line 106: a BTCUSD CFD bought and still open: one fill, 0.05 lots, commission −3.41.
    expect(at(report, 106)).toMatchObject([
      { assetClass: 'crypto', quantity: '0.05', price: '68250', fee: '3.41', currency: 'USD' },
    ]);
  });

  it('agrees with the report totals and conserves size', () => {
    // Totals row under Deals: commission −17.41, fee −0.25, swap −1.95 → 19.61 of costs.
    expect(totalFees(result.executions)).toBe('19.61');
    expect(quantitiesBySymbol(result.executions)).toEqual({
      EURUSD: { buy: '100000', sell: '100000' },
      XAUUSD: { buy: '0.3', sell: '0.3' },
      'USDJPY.R': { buy: '20000', sell: '20000' },
      GER40: { buy: '2', sell: '2' },
      BTCUSD: { buy: '0.05', sell: '0' },
    });
  });

  it('warns once about the zone, per lot-sized symbol and per foreign quote currency', () => {
    expect(result.warnings.map((w) => [w.line, w.message.split(' ')[0]])).toEqual([
      [1, 'MetaTrader'],
      [97, 'XAUUSD'],
      [102, 'USDJPY.R'],
      [104, 'GER40'],
      [106, 'BTCUSD'],
    ]);
  });

  it('reads server time in the zone given', () => {
    const athens = parse(report, { timeZone: 'Europe/Athens' });
    expect(iso(athens.executions[0]?.executedAt ?? 0)).toBe('2024-03-04T07:30:05.000Z'); // EET, UTC+2
    expect(athens.warnings.some((w) => w.message.includes('server time'))).toBe(false);
    expect(() => parse(report, { timeZone: 'Mars/Olympus' })).toThrow(ImportFormatError);
  });

  it('reports bad rows by line and column and keeps the rest', () => {
    const bad = report
      .replace('<td class="mspt">0.50</td><td>1.08650</td>', '<td class="mspt">half</td><td>1.08650</td>')
      .replace('2024.03.05 10:00:00</td><td>80000021', '2024.13.05 10:00:00</td><td>80000021')
      .replace('<td>in/out</td>', '<td>sideways</td>')
      .replace('<td>GER40</td><td>buy</td><td>in</td>', '<td>GER40</td><td>buy stop</td><td>in</td>');
    const parsed = parse(bad);
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [96, 'Volume'],
      [97, 'Time'],
      [98, 'Direction'],
      [104, 'Type'],
    ]);
    expect(parsed.errors[0]).toMatchObject({
      file: 'ReportHistory-51234567.html',
      message: 'Volume: "half" is not a number',
    });
    expect(parsed.executions).toHaveLength(7);
  });

  it('imports "out by" deals and ignores deals MT5 marks canceled', () => {
    const parsed = parse(
      report
        .replace(
          '<td>sell</td><td>out</td><td class="mspt">0.20</td>',
          '<td>sell</td><td>out by</td><td class="mspt">0.20</td>',
        )
        .replace('<td>BTCUSD</td><td>buy</td><td>in</td>', '<td>BTCUSD</td><td>buy canceled</td><td>in</td>'),
    );
    expect(parsed.executions.find((e) => e.brokerExecId === '80000023')).toMatchObject({ side: 'sell' });
    expect(parsed.executions.find((e) => e.brokerExecId === '80000071')).toBeUndefined();
    expect(parsed.ignored).toBe(7);
  });

  it('reads the Deals table by column name, in any order', () => {
    expect(withoutLines(parse(reverseDealColumns(report)).executions)).toEqual(withoutLines(result.executions));
  });
});

describe('mt5-report edge cases', () => {
  it('reads a report with empty sections as zero fills', () => {
    expect(parse(read(OWN_DIR, 'mt5-empty.htm'), { timeZone: 'UTC' })).toEqual({
      executions: [],
      ignored: 0,
      errors: [],
      warnings: [],
    });
  });

  it('falls back to Positions, with a warning, when the Deals table is missing', () => {
    const text = read(OWN_DIR, 'mt5-positions-only.htm');
    const parsed = parse(text);
    // Position 90000011 (line 49): buy 1.00 EURUSD at 1.08512, closed 2024.03.05 15:45:00 at the
    // average 1.08675; commission −7.00 (both deals) on the opening fill, swap −1.20 on the closing.
    expect(at(text, 49)).toMatchObject([
      { brokerExecId: '90000011:open', side: 'buy', quantity: '100000', price: '1.08512', fee: '7' },
      {
        brokerExecId: '90000011:close',
        side: 'sell',
        quantity: '100000',
        price: '1.08675',
        fee: '1.2',
        executedAt: '2024-03-05T15:45:00.000Z',
      },
    ]);
    // Line 58: a short, closed at 148.125 with a positive swap of 2.35 → fee −2.35.
    expect(at(text, 58)).toMatchObject([
      { side: 'sell', price: '149.85', fee: '2.8' },
      { side: 'buy', price: '148.125', fee: '-2.35' },
    ]);
    // Line 94 (Open Positions): BTCUSD bought, still open: the opening fill only, floating swap left out.
    expect(at(text, 94)).toMatchObject([{ brokerExecId: '90000071:open', quantity: '0.05', fee: '0' }]);
    expect(parsed.executions).toHaveLength(11);
    expect(parsed.warnings[1]?.line).toBe(43);
    expect(parsed.warnings[1]?.message).toContain('no Deals table');
    expect(parsed.ignored).toBe(4);
    expect(parsed.errors).toEqual([]);
  });

  it('reads "closed / original" position volumes as the closed volume', () => {
    const text = read(OWN_DIR, 'mt5-positions-only.htm').replace(
      '>0.10</td><td>2 085.40',
      '>0.05 / 0.10</td><td>2 085.40',
    );
    expect(at(text, 52)).toMatchObject([{ quantity: '0.05' }, { quantity: '0.05' }]);
  });

  it('throws ImportFormatError for files that are not an MT5 trade history report', () => {
    const ctx = { fileName: 'x.htm' };
    expect(() => mt5ReportFormat.parse(read(OWN_DIR, 'mt4-utf16.htm'), ctx)).toThrow(ImportFormatError);
    expect(() => mt5ReportFormat.parse('<html><table><tr><td>1</td></tr></table></html>', ctx)).toThrow(
      /no Deals or Positions table/,
    );
    const tester = report.replace('Trade History Report</b>', 'Strategy Tester Report</b>');
    expect(() => mt5ReportFormat.parse(tester, ctx)).toThrow(/Strategy Tester/);
    // A report saved with the terminal in another language names its columns differently.
    expect(() => mt5ReportFormat.parse(report.replace('<b>Direction</b>', '<b>Направление</b>'), ctx)).toThrow(
      /no Direction column/,
    );
  });
});

/** The report with every row of the Deals table written right to left. */
function reverseDealColumns(html: string): string {
  const start = html.indexOf('<b>Deals</b>');
  const end = html.indexOf('<b>Open Positions</b>');
  const section = html
    .slice(start, end)
    .replace(
      /(<tr[^>]*>\s*)((?:<td[^>]*>.*?<\/td>\s*)+)(<\/tr>)/gs,
      (_m, open: string, cells: string, close: string) => {
        const list = cells.match(/<td[^>]*>.*?<\/td>/gs) ?? [];
        return `${open}${list.reverse().join('')}${close}`;
      },
    );
  return html.slice(0, start) + section + html.slice(end);
}
