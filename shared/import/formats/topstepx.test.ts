import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  headerOnly,
  iso,
  noteIfRealFilesMissing,
  quantitiesBySymbol,
  readOwn,
  readReal,
  replaceCell,
  reverseColumns,
  reverseRows,
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { ImportFormatError, type ParseContext } from '../types';
import { topstepxFormat } from './topstepx';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  topstepxFormat.parse(text, { fileName: 'topstep.csv', ...ctx });
const leg = (text: string, id: string) => {
  const execution = parse(text).executions.find((e) => e.brokerExecId === id);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('topstepx');

describe.runIf(hasRealFiles)('TopstepX real export (topstepx-trades-export.csv)', () => {
  const text = hasRealFiles ? readReal('topstepx-trades-export.csv') : '';

  it('turns 486 round trips into 972 executions with no issues', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(972);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
  });

  it('matches hand-checked rows', () => {
    // Line 2: Id 910050760, MBTK5 Long 1, 100285 → 101010, Fees 2.34 (1.17 per leg),
    // "05/08/2025 11:22:07 -04:00" → 15:22:07Z, exit 11:27:06 -04:00 → 15:27:06Z.
    expect(leg(text, '910050760:entry')).toEqual({
      brokerExecId: '910050760:entry',
      orderId: null,
      account: null,
      symbol: 'MBTK5',
      assetClass: 'future',
      side: 'buy',
      quantity: '1',
      price: '100285',
      fee: '1.17',
      currency: null,
      executedAt: '2025-05-08T15:22:07.000Z',
      line: 2,
    });
    expect(leg(text, '910050760:exit')).toMatchObject({
      side: 'sell',
      price: '101010',
      fee: '1.17',
      executedAt: '2025-05-08T15:27:06.000Z',
    });
    // Line 3, held overnight: entered 05/06/2025 22:04:12 -04:00 (= 05/07 02:04:12Z), exited 07:26:09 -04:00.
    expect(leg(text, '902351617:entry')).toMatchObject({
      symbol: 'MNQM5',
      price: '20029',
      fee: '0.37',
      executedAt: '2025-05-07T02:04:12.000Z',
    });
    expect(leg(text, '902351617:exit')).toMatchObject({ price: '20012', executedAt: '2025-05-07T11:26:09.000Z' });
    // Line 8, a Short: entry is a sell @ 23957.5 at 13:38:24 -04:00, exit a buy @ 23954.5 at 13:46:01 -04:00.
    expect(leg(text, '1238107515:entry')).toMatchObject({
      symbol: 'MNQU5',
      side: 'sell',
      price: '23957.5',
      executedAt: '2025-08-14T17:38:24.000Z',
    });
    expect(leg(text, '1238107515:exit')).toMatchObject({
      side: 'buy',
      price: '23954.5',
      executedAt: '2025-08-14T17:46:01.000Z',
    });
    // Line 157: Size 10, Fees 7.40 → 3.7 per leg.
    expect(leg(text, '775239230:entry')).toMatchObject({
      quantity: '10',
      price: '18913.75',
      fee: '3.7',
      executedAt: '2025-04-03T16:00:47.000Z',
      line: 157,
    });
  });

  it('conserves quantity per symbol and the total of the Fees column', () => {
    // Per contract, Size summed over rows (awk): every contract is bought and sold that many times.
    expect(quantitiesBySymbol(parse(text).executions)).toEqual({
      MBTK5: { buy: '7', sell: '7' },
      MNQM5: { buy: '395', sell: '395' },
      MNQU5: { buy: '100', sell: '100' },
      MESM5: { buy: '13', sell: '13' },
      MGCM5: { buy: '3', sell: '3' },
      MBTJ5: { buy: '1', sell: '1' },
    });
    // awk -F, '{s+=$7} END {print s}' over the data rows: 398.36.
    expect(totalFees(parse(text).executions)).toBe('398.36');
  });

  it('gives the same executions with columns and rows in another order', () => {
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(parse(text).executions),
    );
  });
});

describe('TopstepX invented export (tests/fixtures/brokers/topstepx.csv)', () => {
  const text = readOwn('topstepx.csv');

  it('reads CRLF rows, odd-cent fees, zero-length trades and a hold over the DST weekend', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(6);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
    // Fees 0.75 split exactly: 0.375 per leg. Entered Friday 15:59 -05:00 → 20:59Z; exited Monday 09:31 -04:00 → 13:31Z.
    expect(leg(text, '5001:entry')).toMatchObject({
      side: 'buy',
      price: '5770.25',
      fee: '0.375',
      executedAt: '2025-03-07T20:59:00.000Z',
    });
    expect(leg(text, '5001:exit')).toMatchObject({
      side: 'sell',
      price: '5790',
      fee: '0.375',
      executedAt: '2025-03-10T13:31:00.000Z',
    });
    expect(leg(text, '5002:exit')).toMatchObject({
      side: 'buy',
      quantity: '2',
      fee: '0',
      executedAt: '2025-03-10T14:00:00.000Z',
    });
    expect(leg(text, '5003:entry')).toMatchObject({
      symbol: 'MGCJ5',
      side: 'sell',
      quantity: '5',
      price: '2915.1',
      fee: '1.85',
    });
  });

  it('reports bad rows by line and column, and skips repeated trade ids', () => {
    expect(parse(replaceCell(text, 3, 'Type', 'Flat')).errors).toEqual([
      { file: 'topstep.csv', line: 3, column: 'Type', message: 'Type "Flat" is not Long or Short' },
    ]);
    expect(parse(replaceCell(text, 2, 'ExitedAt', '03/06/2025 09:31:00 -05:00')).errors[0]).toMatchObject({
      line: 2,
      column: 'ExitedAt',
    });
    const repeated = parse(replaceCell(text, 4, 'Id', '5001'));
    expect(repeated.ignored).toBe(1);
    expect(repeated.executions).toHaveLength(4);
    expect(repeated.warnings[0]).toMatchObject({ line: 4, column: 'Id' });
  });

  it('reads a time without an offset in the import zone, else New York with a warning', () => {
    const zoneless = replaceCell(text, 3, 'EnteredAt', '03/10/2025 10:00:00');
    expect(leg(zoneless, '5002:entry')?.executedAt).toBe('2025-03-10T14:00:00.000Z');
    expect(parse(zoneless).warnings[0]).toMatchObject({ column: 'EnteredAt' });
    expect(parse(zoneless, { timeZone: 'America/Chicago' }).warnings).toEqual([]);
  });

  it('gives zero executions for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('ninjatrader8.csv'))).toThrow(ImportFormatError);
  });
});
