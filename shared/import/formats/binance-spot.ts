/**
 * Binance spot history CSV, in either of its layouts:
 * - Trade History: `Date(UTC),Pair,Side,Price,Executed,Amount,Fee`, one row per fill, with the
 *   asset written after each amount (`0.00150000BTC`, `94.875USDT`, `0.00007710BNB`);
 * - Order History: `Date(UTC),OrderNo,Pair,Type,Side,Order Price,Order Amount,AvgTrading Price,
 *   Filled,Total,status`, one row per order; only Filled orders are fills (OrderNo is their id).
 *   This layout has no fees, so they are 0 and a warning says so.
 * Decisions: symbol = the pair (BTCUSDT), asset class crypto, quantity the base amount exactly
 * as written, currency the quote asset. Times are UTC, as the header says, whatever ctx.timeZone.
 * The fee is kept in the quote asset: a fee in the base asset is converted at the fill's own
 * price (an exact decimal product, and a warning says so); a fee in a third asset (BNB) has no
 * price in the file, so the fee is 0 and a warning gives the amount and asset.
 */
import { mul } from '../../domain/money';
import type { Decimal, ExecutionSide } from '../../domain/types';
import { findHeaderRow, parseCsv } from '../csv';
import { absDecimal, isZeroDecimal, parseDecimal } from '../numbers';
import {
  ImportFormatError,
  type BrokerFormat,
  type ParseContext,
  type ParseResult,
  type ParsedExecution,
} from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
  issue,
  recordsBetween,
  requiredCell,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

const TRADES = ['Date(UTC)', 'Pair', 'Side', 'Price', 'Executed', 'Amount', 'Fee'];
const ORDERS = ['Date(UTC)', 'OrderNo', 'Pair', 'Side', 'AvgTrading Price', 'Filled', 'Total', 'status'];
// Quote assets Binance lists pairs against, longest first so FDUSD is tried before USD.
const QUOTES =
  'FDUSD|USDT|USDC|BUSD|TUSD|USDP|AEUR|BIDR|IDRT|DAI|BTC|ETH|BNB|EUR|GBP|TRY|BRL|AUD|JPY|RUB|UAH|ZAR|PLN|RON|ARS|MXN|COP|CZK|NGN|XRP|TRX|DOGE|USD'
    .split('|')
    .sort((a, b) => b.length - a.length);

type Layout = { kind: 'trades' | 'orders'; quantity: string; total: string; price: string };
type Amount = { value: Decimal; asset: string | null };
type Fill = { execution: ParsedExecution; notes: { key: string; column: string; message: string }[] };

/** Binance spot trade or order history CSV. */
export const binanceSpotFormat: BrokerFormat = {
  id: 'binance-spot',
  label: 'Binance spot trade history',
  streamable: true,
  detect: (sample) => Math.max(detectByHeader(sample, TRADES), detectByHeader(sample, ORDERS)),
  parse: parseBinanceSpot,
};

function parseBinanceSpot(text: string, ctx: ParseContext): ParseResult {
  const { rows } = parseCsv(text);
  const trades = findHeaderRow(rows, TRADES);
  const header = trades ?? findHeaderRow(rows, ORDERS);
  if (header === null) {
    throw new ImportFormatError(
      ctx.fileName,
      rows[0]?.line ?? 1,
      `not a Binance spot history file: no header row with ${TRADES.join(', ')} (or the order history columns)`,
    );
  }
  const layout: Layout = trades
    ? { kind: 'trades', quantity: 'Executed', total: 'Amount', price: 'Price' }
    : { kind: 'orders', quantity: 'Filled', total: 'Total', price: 'AvgTrading Price' };
  const result: ParseResult = { executions: [], ignored: 0, errors: [], warnings: [] };
  const warned = new Set<string>();
  for (const record of recordsBetween(rows, header.index + 1, rows.length, header.columns)) {
    try {
      const fill = layout.kind === 'trades' ? readFill(record, layout) : readOrder(record, layout);
      if ('skipped' in fill) {
        result.ignored++;
        if (fill.skipped !== null) result.warnings.push(issue(ctx.fileName, record.line, 'status', fill.skipped));
        continue;
      }
      result.executions.push(fill.execution);
      for (const note of fill.notes) {
        if (warned.has(note.key)) continue;
        warned.add(note.key);
        result.warnings.push(issue(ctx.fileName, record.line, note.column, note.message));
      }
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      result.errors.push(issue(ctx.fileName, record.line, error.column, error.message));
    }
  }
  const first = result.executions[0];
  if (layout.kind === 'orders' && first !== undefined) {
    const message = 'The order history export has no fees: they were imported as 0. The Trade History export has them.';
    result.warnings.unshift(issue(ctx.fileName, first.line, null, message));
  }
  return result;
}

/** A Filled order as one fill; other statuses are skipped, with a warning when part of the order filled. */
function readOrder(record: CsvRecord, layout: Layout): Fill | { skipped: string | null } {
  const status = requiredCell(record, 'status');
  if (status.toLowerCase().replace(/[^a-z]/g, '') === 'filled') return readFill(record, layout);
  const filled = cell(record, 'Filled');
  const amount = parseDecimal(filled.replace(/[A-Za-z].*$/, ''));
  if (!amount.ok || isZeroDecimal(amount.value)) return { skipped: null };
  return {
    skipped: `order ${cell(record, 'OrderNo')} is ${status} but filled ${filled}: only Filled orders are imported from this export; import the Trade History export for these fills.`,
  };
}

function readFill(record: CsvRecord, layout: Layout): Fill {
  const pair = requiredCell(record, 'Pair').toUpperCase().replace(/[/_-]/g, '');
  const total = amountCell(record, layout.total, []);
  const quote = total.asset ?? QUOTES.find((q) => pair.endsWith(q) && pair.length > q.length) ?? null;
  if (quote === null || !pair.endsWith(quote) || pair.length === quote.length) {
    throw new RowError('Pair', `cannot tell the quote asset of ${pair}`);
  }
  const base = pair.slice(0, -quote.length);
  const executed = amountCell(record, layout.quantity, [base]);
  if (executed.asset !== null && executed.asset !== base) {
    throw new RowError(
      layout.quantity,
      `${layout.quantity} is in ${executed.asset}, not ${base}, the base asset of ${pair}`,
    );
  }
  const quantity = absDecimal(executed.value);
  if (isZeroDecimal(quantity)) throw new RowError(layout.quantity, `${layout.quantity} is zero`);
  const price = decimalCell(record, layout.price);
  const side = sideOf(requiredCell(record, 'Side'));
  const date = requiredCell(record, 'Date(UTC)');
  // Some older exports write two-digit years ("24-03-05 14:02:11"); years are always 20xx here.
  const executedAt = timeValue(/^\d{2}-\d{2}-\d{2}\b/.test(date) ? `20${date}` : date, 'Date(UTC)', 'UTC');
  const notes: Fill['notes'] = [];
  let fee: Decimal = '0';
  if (layout.kind === 'trades' && cell(record, 'Fee') !== '') {
    const charged = amountCell(record, 'Fee', [base, quote]);
    const asset = charged.asset ?? quote;
    if (asset === quote) fee = charged.value;
    else if (asset === base) {
      fee = mul(charged.value, price);
      notes.push({
        key: `base:${asset}`,
        column: 'Fee',
        message: `Fees charged in ${asset} were converted to ${quote} at each fill's own price (exactly, without rounding).`,
      });
    } else if (!isZeroDecimal(charged.value)) {
      notes.push({
        key: `third:${record.line}`,
        column: 'Fee',
        message: `The fee of ${charged.value} ${asset} on the ${pair} ${side} at ${date} is not included: the file has no ${asset} price to convert it to ${quote}.`,
      });
    }
  }
  const id = layout.kind === 'orders' ? requiredCell(record, 'OrderNo') : null;
  return {
    execution: {
      brokerExecId: id,
      orderId: id,
      account: null,
      symbol: pair,
      assetClass: 'crypto',
      side,
      quantity,
      price,
      fee,
      currency: quote,
      executedAt,
      line: record.line,
    },
    notes,
  };
}

/** "0.00150000BTC" → 0.0015 and BTC. `assets` are tried first, as some start with digits (1INCH). */
function amountCell(record: CsvRecord, column: string, assets: readonly string[]): Amount {
  const text = requiredCell(record, column).replace(/\s+/g, '').toUpperCase();
  const known = assets.find((asset) => text.endsWith(asset) && /\d$/.test(text.slice(0, -asset.length)));
  const match = known === undefined ? /^(.*?\d)([A-Z][A-Z0-9]*)?$/.exec(text) : null;
  const number = known !== undefined ? text.slice(0, -known.length) : (match?.[1] ?? text);
  const parsed = parseDecimal(number);
  if (!parsed.ok) throw new RowError(column, `${column}: ${parsed.error}`);
  return { value: parsed.value, asset: known ?? match?.[2] ?? null };
}

function sideOf(text: string): ExecutionSide {
  const side = text.toLowerCase();
  if (side === 'buy' || side === 'sell') return side;
  throw new RowError('Side', `Side "${text}" is not BUY or SELL`);
}
