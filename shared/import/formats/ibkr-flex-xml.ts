import { Parser } from 'htmlparser2';
import type { AssetClass, Decimal } from '../../domain/types';
import { absDecimal, addDecimals, isZeroDecimal, negateDecimal, parseDecimal } from '../numbers';
import { isValidTimeZone, parseDateTimeText, zonedTimeToUtc } from '../time';
import {
  ImportFormatError,
  type BrokerFormat,
  type ImportIssue,
  type ParseContext,
  type ParsedExecution,
  type ParseResult,
} from '../types';

/**
 * Interactive Brokers Activity Flex Query, XML output. Each execution is a <Trade> element
 * whose attributes carry the fill. What this reader decides:
 * - Only levelOfDetail="EXECUTION" rows are fills; <Order>, <Lot>, summaries, ORDER/CLOSED_LOT
 *   rows and <OpenPosition> snapshots are counted in `ignored`.
 * - A cancellation ("BUY (Ca.)", notes "Ca") removes itself and the fill it names
 *   (origTransactionID, else origTradeID); both count as ignored.
 * - Fee = −(ibCommission + taxes): IBKR writes costs as negatives (netCash = proceeds + both).
 * - dateTime has no zone; IBKR writes it in the account's zone, America/New_York unless
 *   the trader set another, so ctx.timeZone wins when given.
 */

const DEFAULT_ZONE = 'America/New_York';

const ASSET_CLASSES: Record<string, AssetClass> = {
  STK: 'stock',
  OPT: 'option',
  FOP: 'option',
  FSFOP: 'option',
  FUT: 'future',
  CASH: 'forex',
  CRYPTO: 'crypto',
};

/** Elements of a Flex statement that are not fills but are rows a trader might expect imported. */
const NON_FILL_ELEMENTS = new Set(['OpenPosition', 'Order', 'Lot', 'SymbolSummary', 'AssetSummary']);

// Some Flex queries append a zone abbreviation ("20260624;095953 AEST"); fixed offsets in minutes.
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  HKT: 480,
  SGT: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

type Element = { name: string; attrs: Record<string, string>; line: number };

type Fill = ParsedExecution & { transactionId: string | null; tradeId: string | null };

/** Interactive Brokers Activity Flex Query, XML. */
export const ibkrFlexXmlFormat: BrokerFormat = {
  id: 'ibkr-flex-xml',
  label: 'Interactive Brokers Flex Query (XML)',
  detect(sample) {
    if (sample.includes('<FlexQueryResponse')) return 0.98;
    if (/<FlexStatements?[\s>]/.test(sample)) return 0.9;
    if (/<Trade\s[^>]*\bbuySell="/.test(sample)) return 0.7;
    return 0;
  },
  parse: parseIbkrFlexXml,
};

function parseIbkrFlexXml(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const zone = ctx.timeZone ?? DEFAULT_ZONE;
  if (!isValidTimeZone(zone)) throw new ImportFormatError(file, 1, `unknown time zone "${zone}"`);
  const { elements, isFlex } = readElements(text);
  if (!isFlex) {
    throw new ImportFormatError(file, 1, 'not an Interactive Brokers Flex Query XML file (no <FlexQueryResponse>)');
  }
  const result: ParseResult = { executions: [], ignored: 0, errors: [], warnings: [] };
  const issue = (line: number, column: string | null, message: string): ImportIssue => ({
    file,
    line,
    column,
    message,
  });
  const warnedOnce = new Set<string>();
  const warnOnce = (key: string, line: number, column: string, message: string): void => {
    if (warnedOnce.has(key)) return;
    warnedOnce.add(key);
    result.warnings.push(issue(line, column, message));
  };

  const fills: Fill[] = [];
  const cancels: Element[] = [];
  let statementAccount: string | null = null;
  for (const el of elements) {
    if (el.name === 'FlexStatement') statementAccount = nonEmpty(el.attrs['accountId']);
    if (NON_FILL_ELEMENTS.has(el.name)) result.ignored++;
    if (el.name !== 'Trade') continue;
    const level = el.attrs['levelOfDetail'];
    if (level !== undefined && level !== 'EXECUTION') {
      result.ignored++;
      continue;
    }
    if (isCancellation(el.attrs)) {
      cancels.push(el);
      continue;
    }
    const read = readFill(el, zone, statementAccount);
    if ('column' in read) {
      result.errors.push(issue(el.line, read.column, read.message));
      continue;
    }
    fills.push(read);
    const multiplier = el.attrs['multiplier'];
    if (multiplier !== undefined && multiplier !== '' && Number(multiplier) !== 1) {
      warnOnce(
        `m:${read.symbol}`,
        el.line,
        'multiplier',
        `${read.symbol} has a contract multiplier of ${multiplier}; quantities are in contracts and prices per unit.`,
      );
    }
    const feeCurrency = nonEmpty(el.attrs['ibCommissionCurrency'])?.toUpperCase() ?? null;
    if (feeCurrency !== null && read.currency !== null && feeCurrency !== read.currency) {
      warnOnce(
        `c:${read.symbol}`,
        el.line,
        'ibCommissionCurrency',
        `Commission for ${read.symbol} is charged in ${feeCurrency} but the trade is in ${read.currency}; the fee was imported unconverted.`,
      );
    }
  }
  for (const cancel of cancels) {
    const index = findCancelledFill(fills, cancel);
    result.ignored++;
    if (index === -1) {
      const ref = nonEmpty(cancel.attrs['origTradeID']) ?? nonEmpty(cancel.attrs['origTransactionID']) ?? '?';
      result.warnings.push(
        issue(
          cancel.line,
          'buySell',
          `IBKR cancelled trade ${ref}, which is not in this file; if it was imported before, delete it by hand.`,
        ),
      );
      continue;
    }
    fills.splice(index, 1);
    result.ignored++;
  }
  result.executions = fills.map(({ transactionId: _t, tradeId: _d, ...fill }) => fill);
  return result;
}

function readElements(text: string): { elements: Element[]; isFlex: boolean } {
  const elements: Element[] = [];
  let isFlex = false;
  let line = 1;
  let scanned = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        // Tags arrive in document order, so counting newlines since the last tag is linear.
        for (let i = scanned; i < parser.startIndex; i++) if (text.charCodeAt(i) === 10) line++;
        scanned = parser.startIndex;
        if (name === 'FlexQueryResponse' || name === 'FlexStatements') isFlex = true;
        elements.push({ name, attrs, line });
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  return { elements, isFlex };
}

function isCancellation(attrs: Record<string, string>): boolean {
  const notes = (attrs['notes'] ?? '').split(';');
  return (
    /\(Ca\.?\)/i.test(attrs['buySell'] ?? '') || notes.includes('Ca') || attrs['transactionType'] === 'TradeCancel'
  );
}

/** The fill a cancellation voids: by transaction id, else by trade id (IBKR reuses it for the rebooked fill, so the nearest earlier one). */
function findCancelledFill(fills: Fill[], cancel: Element): number {
  const origTransaction = nonEmpty(cancel.attrs['origTransactionID']);
  if (origTransaction !== null) {
    const index = fills.findIndex((f) => f.transactionId === origTransaction);
    if (index !== -1) return index;
  }
  const origTrade = nonEmpty(cancel.attrs['origTradeID']);
  if (origTrade === null) return -1;
  let best = -1;
  for (let i = 0; i < fills.length; i++) {
    const fill = fills[i];
    if (fill === undefined || fill.tradeId !== origTrade) continue;
    if (best === -1 || fill.line <= cancel.line) best = i;
  }
  return best;
}

type RowError = { column: string; message: string };

function readFill(el: Element, zone: string, statementAccount: string | null): Fill | RowError {
  const a = el.attrs;
  const symbol = (a['symbol'] ?? '').trim().toUpperCase();
  if (symbol === '') return { column: 'symbol', message: 'symbol is empty' };
  const category = a['assetCategory'] ?? '';
  const assetClass = ASSET_CLASSES[category];
  if (assetClass === undefined) {
    return {
      column: 'assetCategory',
      message: `asset category "${category}" is not supported (stocks, options, futures, forex and crypto are)`,
    };
  }
  const quantity = readNumber(a, 'quantity', null);
  if (typeof quantity !== 'string') return quantity;
  if (isZeroDecimal(quantity)) return { column: 'quantity', message: 'quantity is zero' };
  const buySell = (a['buySell'] ?? '').trim().toUpperCase();
  let side: 'buy' | 'sell';
  if (buySell === 'BUY' || buySell === 'SELL') side = buySell === 'BUY' ? 'buy' : 'sell';
  else if (buySell === '') side = quantity.startsWith('-') ? 'sell' : 'buy';
  else return { column: 'buySell', message: `buySell "${buySell}" is neither BUY nor SELL` };
  const price = readNumber(a, 'tradePrice', null);
  if (typeof price !== 'string') return price;
  const commission = readNumber(a, 'ibCommission', '0');
  if (typeof commission !== 'string') return commission;
  const taxes = readNumber(a, 'taxes', '0');
  if (typeof taxes !== 'string') return taxes;
  const when = readDateTime(a, zone);
  if (typeof when !== 'number') return when;
  return {
    brokerExecId: nonEmpty(a['ibExecID']) ?? nonEmpty(a['tradeID']) ?? nonEmpty(a['transactionID']),
    orderId: nonEmpty(a['ibOrderID']) ?? nonEmpty(a['orderID']),
    account: nonEmpty(a['accountId']) ?? statementAccount,
    symbol,
    assetClass,
    side,
    quantity: absDecimal(quantity),
    price,
    fee: negateDecimal(addDecimals(commission, taxes)),
    currency: nonEmpty(a['currency'])?.toUpperCase() ?? null,
    executedAt: when,
    line: el.line,
    transactionId: nonEmpty(a['transactionID']),
    tradeId: nonEmpty(a['tradeID']),
  };
}

/** A numeric attribute; `fallback` when absent or empty, an error when required and missing. */
function readNumber(a: Record<string, string>, column: string, fallback: Decimal | null): Decimal | RowError {
  const raw = nonEmpty(a[column]);
  if (raw === null) return fallback ?? { column, message: `${column} is missing` };
  const parsed = parseDecimal(raw);
  return parsed.ok ? parsed.value : { column, message: `${column}: ${parsed.error}` };
}

const FLEX_DATE_TIME = /^\d{4}-?\d{2}-?\d{2}[;,\sT]\s*\d{2}:?\d{2}/;

/** dateTime ("20260126;115715"), or tradeDate + tradeTime when the query has no dateTime. */
function readDateTime(a: Record<string, string>, zone: string): number | RowError {
  const column = a['dateTime'] !== undefined ? 'dateTime' : 'tradeDate';
  const raw = (a['dateTime'] ?? `${a['tradeDate'] ?? ''};${a['tradeTime'] ?? ''}`).trim();
  // Year-first only: Flex can also write MM/dd/yyyy or dd/MM/yyyy, which cannot be told apart.
  if (!FLEX_DATE_TIME.test(raw)) {
    return {
      column,
      message: `date "${raw}" is not yyyyMMdd;HHmmss (set the Flex query's date format to yyyyMMdd and include the time)`,
    };
  }
  const suffix = /\s([A-Z]{2,5})$/.exec(raw)?.[1];
  const parsed = parseDateTimeText(suffix === undefined ? raw : raw.slice(0, -suffix.length));
  if (!parsed.ok) return { column, message: parsed.error };
  const { local } = parsed.value;
  if (suffix === undefined) return zonedTimeToUtc(local, zone);
  const offset = ZONE_ABBREVIATIONS[suffix];
  if (offset === undefined) return { column, message: `time zone "${suffix}" in "${raw}" is not known` };
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - offset * 60_000;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
