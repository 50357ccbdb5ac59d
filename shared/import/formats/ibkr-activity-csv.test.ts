import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  iso,
  noteIfRealFilesMissing,
  OWN_DIR,
  readOwn,
  readReal,
  REAL_DIR,
  reverseColumns,
  reverseRows,
  toCsvLine,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { parseCsv } from '../csv';
import { detectFormat } from '../detect';
import { ImportFormatError, type BrokerFormat, type ParseContext } from '../types';
import { ibkrActivityCsvFormat, ibkrFlexCsvFormat } from './ibkr-activity-csv';

const activity = (text: string, ctx: Partial<ParseContext> = {}) =>
  ibkrActivityCsvFormat.parse(text, { fileName: 'activity.csv', ...ctx });
const flex = (text: string, ctx: Partial<ParseContext> = {}) =>
  ibkrFlexCsvFormat.parse(text, { fileName: 'flex.csv', ...ctx });
const readable = <T extends { executedAt: number }>(execution: T | undefined) =>
  execution && { ...execution, executedAt: iso(execution.executedAt) };

/** Replaces `from` with `to` on one physical line (1-based). */
const editLine = (text: string, line: number, from: string, to: string) =>
  text
    .split('\n')
    .map((content, index) => (index === line - 1 ? content.replace(from, to) : content))
    .join('\n');

/** Reverses the columns after "<section>,<row type>" in every row of one section (rows padded to one width). */
function reverseSectionColumns(text: string, section: string): string {
  const rows = parseCsv(text).rows.map((row) => row.fields);
  const width = Math.max(...rows.filter((fields) => fields[0] === section).map((fields) => fields.length));
  return rows
    .map((fields) => {
      if (fields[0] !== section) return toCsvLine(fields);
      const rest = [...fields.slice(2), ...Array<string>(width - fields.length).fill('')];
      return toCsvLine([...fields.slice(0, 2), ...rest.reverse()]);
    })
    .join('\n');
}

noteIfRealFilesMissing('ibkr-activity-csv');

describe('IBKR Activity Statement CSV (tests/fixtures/brokers/ibkr-activity.csv)', () => {
  const text = readOwn('ibkr-activity.csv');
  const at = (line: number) => readable(activity(text).executions.find((e) => e.line === line));

  it('reads every asset category, skipping sums, summary orders, closed lots and cancelled trades', () => {
    const result = activity(text);
    // 11 fills: AAPL ×2, TSLA 2 executions + 1 order, SPY option ×2, MESM5, ES option, EUR.USD, USD.JPY.
    expect(result.executions.map((e) => e.line)).toEqual([16, 17, 19, 20, 21, 27, 28, 29, 30, 33, 34]);
    // Ignored: line 18 (the Order summing the executions on 19-20), 22 (ClosedLot), 24 (coded Ca).
    expect(result.ignored).toBe(3);
    expect(result.errors).toEqual([
      {
        file: 'activity.csv',
        line: 35,
        column: 'Asset Category',
        message: 'Asset Category "Bonds" is not stocks, options, futures, forex or crypto',
      },
    ]);
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [24, 'Code'], // the cancelled NVDA trade
      [30, 'Multiplier'], // ES option: multiplier 50 from Financial Instrument Information
      [34, 'Comm in USD'], // USD.JPY trades in JPY, its commission is in USD
      [15, 'Date/Time'], // zone assumed
    ]);
  });

  it('matches hand-derived fills', () => {
    // Line 16: +100 AAPL @239.5, Comm/Fee −1 → fee 1; 2025-03-07 15:59:58 EST (UTC−5) → 20:59:58Z; account
    // from Account Information.
    expect(at(16)).toEqual({
      brokerExecId: null,
      orderId: null,
      account: 'U7654321',
      symbol: 'AAPL',
      assetClass: 'stock',
      side: 'buy',
      quantity: '100',
      price: '239.5',
      fee: '1',
      currency: 'USD',
      executedAt: '2025-03-07T20:59:58.000Z',
      line: 16,
    });
    // Line 17: −100 → sell; the Monday after the DST change, 09:30:01 EDT (UTC−4) → 13:30:01Z.
    expect(at(17)).toMatchObject({
      side: 'sell',
      quantity: '100',
      fee: '1.0216',
      executedAt: '2025-03-10T13:30:01.000Z',
    });
    // Lines 19-20: the executions of the −1,000 TSLA order, each with its own price, fee and second.
    expect(at(19)).toMatchObject({ side: 'sell', quantity: '600', price: '225.4', fee: '3.25' });
    expect(at(20)).toMatchObject({
      quantity: '400',
      price: '225.41',
      fee: '2.16',
      executedAt: '2025-03-11T14:15:02.000Z',
    });
    // Line 21: "1,000" (quoted thousands) buys the short back.
    expect(at(21)).toMatchObject({ side: 'buy', quantity: '1000', price: '231.1', fee: '5.4' });
    // Line 27: equity option kept as IBKR writes it; sold to open 2 @1.35.
    expect(at(27)).toMatchObject({ symbol: 'SPY 21MAR25 580 C', assetClass: 'option', side: 'sell', quantity: '2' });
    expect(at(29)).toMatchObject({
      symbol: 'MESM5',
      assetClass: 'future',
      side: 'sell',
      price: '5712.25',
      fee: '0.62',
    });
    expect(at(30)).toMatchObject({ symbol: 'ES 21MAR25 5700 P', assetClass: 'option', side: 'buy', fee: '2.47' });
    // Line 33: Forex section, "Comm in USD" −2; −20,000 EUR sold at 08:00 EDT → 12:00Z, units of the base currency.
    expect(at(33)).toMatchObject({
      symbol: 'EUR.USD',
      assetClass: 'forex',
      side: 'sell',
      quantity: '20000',
      price: '1.0885',
      fee: '2',
      currency: 'USD',
      executedAt: '2025-03-12T12:00:00.000Z',
    });
    expect(at(34)).toMatchObject({ symbol: 'USD.JPY', side: 'buy', quantity: '25000', fee: '2', currency: 'JPY' });
  });

  it('reads the time zone the trader gives instead of the default, and says nothing about it', () => {
    const result = activity(text, { timeZone: 'Europe/London' });
    // 15:59:58 in London on 2025-03-07 is GMT, so 15:59:58Z.
    expect(iso(result.executions[0]?.executedAt ?? 0)).toBe('2025-03-07T15:59:58.000Z');
    expect(result.warnings.some((w) => w.column === 'Date/Time')).toBe(false);
  });

  it('gives the same fills with the columns of every Trades header in another order', () => {
    expect(withoutLines(activity(reverseSectionColumns(text, 'Trades')).executions)).toEqual(
      withoutLines(activity(text).executions),
    );
  });

  it('takes the account from an Account column (consolidated statements) over Account Information', () => {
    const withAccount = parseCsv(text)
      .rows.map(({ fields }) => {
        const account = fields[1] === 'Header' ? 'Account' : 'U1111111';
        return toCsvLine(fields[0] === 'Trades' ? [...fields, account] : fields);
      })
      .join('\n');
    expect(new Set(activity(withAccount).executions.map((e) => e.account))).toEqual(new Set(['U1111111']));
  });

  it('reports bad rows by line and column and keeps the rest', () => {
    const result = activity(editLine(editLine(text, 16, '239.5', 'n/a'), 17, '"2025-03-10, 09:30:01"', '2025-13-10'));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [16, 'T. Price'],
      [17, 'Date/Time'],
      [35, 'Asset Category'],
    ]);
    expect(result.executions).toHaveLength(9);
  });

  it('gives zero fills for a statement whose Trades section has only its header', () => {
    const headerOnly = text.split('\n').slice(0, 15).join('\n');
    expect(activity(headerOnly)).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });

  it('says so when the statement has no Trades section, and throws for another format', () => {
    const noTrades = text.split('\n').slice(0, 14).join('\n');
    expect(activity(noTrades).warnings).toEqual([
      { file: 'activity.csv', line: 1, column: null, message: 'the statement has no Trades' },
    ]);
    expect(() => activity(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
    expect(() => activity(readOwn('ibkr-activity-flex.csv'))).toThrow(ImportFormatError);
  });
});

describe('IBKR Flex Query CSV (tests/fixtures/brokers/ibkr-activity-flex.csv)', () => {
  const text = readOwn('ibkr-activity-flex.csv');
  const at = (line: number) => readable(flex(text).executions.find((e) => e.line === line));

  it('keeps EXECUTION rows and applies cancellations like the XML reader', () => {
    const result = flex(text);
    // Line 5 (NVDA @110) is cancelled by line 6 and rebooked on line 7 @110.02.
    expect(result.executions.map((e) => e.line)).toEqual([3, 4, 7, 8, 9, 13]);
    // Ignored: line 2 (ORDER), 12 (CLOSED_LOT), the cancellation on 6 and the fill it voids, and line 14
    // (cancels trade 999999, not in the file).
    expect(result.ignored).toBe(5);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [10, 'AssetClass'], // BOND
      [11, 'DateTime'], // 03/14/2025 is not year-first
    ]);
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [8, 'IBCommission'], // USD.JPY in JPY, commission in USD
      [13, 'Multiplier'], // option on ES futures, multiplier 50
      [14, 'Buy/Sell'], // cancellation of a trade not in the file
      [1, 'DateTime'], // zone assumed
    ]);
  });

  it('matches hand-derived fills', () => {
    // Line 3: BUY 10 MSFT @395.5; fee = −(IBCommission −1 + Taxes −0.25) = 1.25; 20250303;100000 EST → 15:00Z.
    expect(at(3)).toEqual({
      brokerExecId: '0000e0d5.67c5a1b2.01.01',
      orderId: '3561000001',
      account: 'U7654321',
      symbol: 'MSFT',
      assetClass: 'stock',
      side: 'buy',
      quantity: '10',
      price: '395.5',
      fee: '1.25',
      currency: 'USD',
      executedAt: '2025-03-03T15:00:00.000Z',
      line: 3,
    });
    // Line 4: OCC symbol kept with its padding spaces, SELL −2.
    expect(at(4)).toMatchObject({ symbol: 'SPY   250321C00580000', assetClass: 'option', side: 'sell', quantity: '2' });
    expect(at(7)).toMatchObject({ brokerExecId: '0000e0d5.67d03c45.01.01', price: '110.02', fee: '0.35' });
    expect(at(9)).toMatchObject({ symbol: 'MESM5', assetClass: 'future', side: 'sell', quantity: '1' });
  });

  it('reads the variant with BOF/HEADER/DATA records and skips the other sections', () => {
    const result = flex(readOwn('ibkr-activity-flex-sections.csv'));
    // Lines 5-6 are trades; the CTRN (cash) section's header on line 9 ends the trades table.
    expect(result.executions.map((e) => [e.line, e.side, e.quantity, e.fee])).toEqual([
      [5, 'buy', '100', '1'],
      [6, 'sell', '100', '1.0216'],
    ]);
    expect(result).toMatchObject({ ignored: 0, errors: [] });
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(flex(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(flex(text).executions),
    );
  });

  it('takes the side from the quantity sign when Buy/Sell is not in the query', () => {
    const withoutSide = text.replaceAll('"BUY"', '""').replaceAll('"SELL"', '""');
    expect(flex(withoutSide).executions.map((e) => e.side)).toEqual(flex(text).executions.map((e) => e.side));
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(flex(text.split('\n')[0] ?? '')).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => flex(readOwn('ibkr-activity.csv'))).toThrow(ImportFormatError);
    expect(() => flex(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
  });
});

const FORMATS: readonly BrokerFormat[] = [ibkrActivityCsvFormat, ibkrFlexCsvFormat];
const ownerOf = (name: string) =>
  name.startsWith('ibkr-activity-flex') ? 'ibkr-flex-csv' : name === 'ibkr-activity.csv' ? 'ibkr-activity-csv' : null;
const SAMPLE_CHARS = 64 * 1024;

describe('IBKR CSV detection', () => {
  const fixtures = readdirSync(OWN_DIR).filter((name) => !/\.(ts|md)$/.test(name));

  it('is sure (≥ 0.9) of its own fixtures and doubtful (< 0.3) of every other fixture', () => {
    for (const name of fixtures) {
      const sample = readOwn(name).slice(0, SAMPLE_CHARS);
      for (const format of FORMATS) {
        const confidence = format.detect(sample, name);
        if (ownerOf(name) === format.id) expect(confidence, `${format.id} on ${name}`).toBeGreaterThanOrEqual(0.9);
        else expect(confidence, `${format.id} on ${name}`).toBeLessThan(0.3);
      }
    }
  });

  it('wins app detection on its fixtures with every other format below 0.5', () => {
    for (const name of fixtures.filter((file) => ownerOf(file) !== null)) {
      const [best, runnerUp] = detectFormat(readOwn(name), name);
      expect(best?.format.id, name).toBe(ownerOf(name));
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  it('recognises a long statement whose Trades section lies past the detection sample by its title', () => {
    const [head = '', ...rest] = readOwn('ibkr-activity.csv').split('\n');
    const padding = Array.from({ length: 3000 }, (_, i) => `Net Asset Value,Data,Row ${i},1,2,3,4,5`).join('\n');
    const long = [head, ...rest.slice(0, 5), padding, ...rest.slice(5)].join('\n');
    expect(ibkrActivityCsvFormat.detect(long.slice(0, SAMPLE_CHARS), 'long.csv')).toBeGreaterThanOrEqual(0.9);
  });

  describe.runIf(hasRealFiles)('over the real broker files', () => {
    const names = hasRealFiles ? readdirSync(REAL_DIR).filter((name) => name !== 'SOURCES.md') : [];
    it('is doubtful (< 0.3) of every one', () => {
      for (const name of names)
        for (const format of FORMATS)
          expect(format.detect(readReal(name).slice(0, SAMPLE_CHARS), name), `${format.id} on ${name}`).toBeLessThan(
            0.3,
          );
    });
  });
});
