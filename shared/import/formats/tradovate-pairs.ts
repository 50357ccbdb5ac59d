/**
 * Tradovate's Performance and Position History exports list FIFO buy/sell *pairs*, not
 * fills: one fill closed against several others appears on several rows with part of its
 * quantity each. Summing the paired quantity per fill id gives each real fill back once.
 *
 * Only the paired part of a fill is in these files: the open remainder of a position, and
 * fills of positions still open, are absent.
 *
 * Times carry no zone. Tradovate writes them in the zone set in the trader's profile; we
 * default to America/Chicago (the CME's zone, which Tradovate's own reports and most
 * journals assume) and say so in a warning. The sample Position History file supports
 * it: a pair at 17:14 would fall in the CME's daily halt if read as New York time.
 */
import type { Decimal } from '../../domain/types';
import { addDecimals } from '../numbers';
import type { ImportIssue, ParsedExecution } from '../types';
import {
  cell,
  decimalCell,
  issue,
  mapRecords,
  quantityCell,
  requiredCell,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

/** Tradovate's documented default is the user's zone; Chicago is the usual setting for CME traders. */
export const TRADOVATE_DEFAULT_ZONE = 'America/Chicago';

/** Column names of one pair-row layout. */
export type PairColumns = {
  symbol: string;
  buyFillId: string;
  sellFillId: string;
  quantity: string;
  buyPrice: string;
  sellPrice: string;
  boughtAt: string;
  soldAt: string;
  account: string | null;
  currency: string | null;
};

type FillSide = {
  fillId: string;
  side: 'buy' | 'sell';
  price: Decimal;
  executedAt: number;
  idColumn: string;
  priceColumn: string;
  timeColumn: string;
};

type PairRow = {
  symbolColumn: string;
  symbol: string;
  account: string | null;
  currency: string | null;
  quantity: Decimal;
  sides: [FillSide, FillSide];
};

/** What the pair rows of a file add up to; `duplicates` counts repeated pair rows that were skipped. */
export type PairFills = {
  executions: ParsedExecution[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  duplicates: number;
};

/** One execution per fill id, quantities summed over the pair rows it appears in, sorted by time. */
export function fillsFromPairs(
  records: readonly CsvRecord[],
  columns: PairColumns,
  file: string,
  timeZone: string,
): PairFills {
  const { unique, warnings } = withoutRepeatedPairs(records, columns, file);
  const fills = new Map<string, ParsedExecution>();
  const { errors } = mapRecords(unique, file, (record) => {
    const pair = readPair(record, columns, timeZone);
    // Check both sides before touching either, so a rejected row adds nothing.
    for (const side of pair.sides) checkConsistent(fills.get(side.fillId), side, pair);
    for (const side of pair.sides) {
      const known = fills.get(side.fillId);
      if (known) known.quantity = addDecimals(known.quantity, pair.quantity);
      else fills.set(side.fillId, toExecution(side, pair, record.line));
    }
  });
  const executions = [...fills.values()].sort((a, b) => a.executedAt - b.executedAt || a.line - b.line);
  return { executions, errors, warnings, duplicates: records.length - unique.length };
}

// FIFO pairs a buy fill with a sell fill at most once, so a repeated pair is a repeated row
// (overlapping exports pasted together) and would double the fills' quantities.
function withoutRepeatedPairs(
  records: readonly CsvRecord[],
  columns: PairColumns,
  file: string,
): { unique: CsvRecord[]; warnings: ImportIssue[] } {
  const firstLine = new Map<string, number>();
  const warnings: ImportIssue[] = [];
  const unique = records.filter((record) => {
    const buy = cell(record, columns.buyFillId);
    const sell = cell(record, columns.sellFillId);
    const seen = firstLine.get(`${buy}|${sell}`);
    if (buy === '' || sell === '' || seen === undefined) {
      firstLine.set(`${buy}|${sell}`, record.line);
      return true;
    }
    const message = `fills ${buy} and ${sell} were already paired on line ${seen}; row skipped`;
    warnings.push(issue(file, record.line, columns.buyFillId, message));
    return false;
  });
  return { unique, warnings };
}

function readPair(record: CsvRecord, columns: PairColumns, timeZone: string): PairRow {
  const buy = readSide(record, 'buy', columns.buyFillId, columns.buyPrice, columns.boughtAt, timeZone);
  const sell = readSide(record, 'sell', columns.sellFillId, columns.sellPrice, columns.soldAt, timeZone);
  if (buy.fillId === sell.fillId)
    throw new RowError(columns.sellFillId, `the same fill id ${buy.fillId} is on both sides`);
  return {
    symbolColumn: columns.symbol,
    symbol: requiredCell(record, columns.symbol).toUpperCase(),
    account: columns.account === null ? null : cell(record, columns.account) || null,
    currency: columns.currency === null ? null : cell(record, columns.currency).toUpperCase() || null,
    quantity: quantityCell(record, columns.quantity),
    sides: [buy, sell],
  };
}

function readSide(
  record: CsvRecord,
  side: 'buy' | 'sell',
  idColumn: string,
  priceColumn: string,
  timeColumn: string,
  timeZone: string,
): FillSide {
  return {
    fillId: requiredCell(record, idColumn),
    side,
    price: decimalCell(record, priceColumn),
    executedAt: timeValue(cell(record, timeColumn), timeColumn, timeZone),
    idColumn,
    priceColumn,
    timeColumn,
  };
}

// A fill id names one fill: every pair row must agree on its side, symbol, price and time.
function checkConsistent(known: ParsedExecution | undefined, side: FillSide, pair: PairRow): void {
  if (!known) return;
  const where = `fill ${side.fillId} (first on line ${known.line})`;
  if (known.side !== side.side) throw new RowError(side.idColumn, `${where} was a ${known.side}, here a ${side.side}`);
  if (known.symbol !== pair.symbol)
    throw new RowError(pair.symbolColumn, `${where} was ${known.symbol}, here ${pair.symbol}`);
  if (known.price !== side.price)
    throw new RowError(side.priceColumn, `${where} was at ${known.price}, here at ${side.price}`);
  if (known.executedAt !== side.executedAt) throw new RowError(side.timeColumn, `${where} has a different time here`);
}

function toExecution(side: FillSide, pair: PairRow, line: number): ParsedExecution {
  return {
    brokerExecId: side.fillId,
    orderId: null,
    account: pair.account,
    symbol: pair.symbol,
    assetClass: 'future',
    side: side.side,
    quantity: pair.quantity,
    price: side.price,
    fee: '0',
    currency: pair.currency,
    executedAt: side.executedAt,
    line,
  };
}
