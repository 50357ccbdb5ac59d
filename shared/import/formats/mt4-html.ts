import { Parser } from 'htmlparser2';
import { mul } from '../../domain/money';
import type { AssetClass, Decimal, ExecutionSide } from '../../domain/types';
import { addDecimals, negateDecimal, parseDecimal } from '../numbers';
import { isValidTimeZone, parseBrokerTime } from '../time';
import { ImportFormatError, type BrokerFormat, type ImportIssue, type ParseContext, type ParseResult } from '../types';

/**
 * MetaTrader 4 account statement (Statement.htm / DetailedStatement.htm). Decisions:
 * - Each closed ticket is a round trip: a `<ticket>:open` fill and a `<ticket>:close` fill of
 *   the opposite side. Open tickets give only the `<ticket>:open` fill.
 * - Fees: commission + taxes go on the opening fill (MT4 charges them at open), swap on the
 *   closing fill, negated (costs are negative in the file; a positive swap is a credit, so a
 *   negative fee). An open ticket's swap is not final and is left out, so re-importing a later
 *   statement (deduplicated by `<ticket>:open`) loses nothing.
 * - Size: currency pairs (two fiat ISO codes) become units at 100,000 per lot, asset class
 *   forex. Anything else (gold, oil, indices, crypto) stays in lots because contract sizes
 *   differ per broker; each such symbol gets a warning.
 * - Price currency is the pair's quote currency; commission and swap are in the account
 *   currency, and a warning says so when the two differ.
 * - Server time has no zone: ctx.timeZone, else UTC with a warning.
 * - Balance/credit rows, pending orders (cancelled or still working) count as ignored.
 */

const UNITS_PER_LOT = '100000';
const PENDING_TYPES = new Set(words('buy limit|sell limit|buy stop|sell stop|buy stop limit|sell stop limit'));
const CASH_TYPES = new Set(['balance', 'credit']);
const FIAT = new Set(
  words(
    'USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|HUF|CZK|TRY|ZAR|MXN|SGD|HKD|CNH|CNY|RUB|ILS|THB|INR|KRW|TWD|BRL',
  ),
);
const CRYPTO = new Set(words('BTC|ETH|LTC|XRP|BCH|SOL|ADA|DOT|DOGE|BNB|XLM|EOS|LINK'));
const SECTIONS: Record<string, Section> = {
  'Closed Transactions:': 'closed',
  'Open Trades:': 'open',
  'Working Orders:': 'working',
};

type Cell = { text: string; colspan: number };
type Row = { line: number; cells: Cell[] };
type Section = 'closed' | 'open' | 'working' | 'other';
type Columns = Map<string, number>;

/** MetaTrader 4 HTML account statement. */
export const mt4HtmlFormat: BrokerFormat = {
  id: 'mt4-html',
  label: 'MetaTrader 4 statement (HTML)',
  detect(sample) {
    const closed = sample.includes('Closed Transactions:');
    if (closed && /<td[^>]*>\s*Ticket\s*<\/td>/i.test(sample)) return 0.95;
    return closed ? 0.6 : 0;
  },
  parse: parseMt4Html,
};

function parseMt4Html(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const zone = ctx.timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new ImportFormatError(file, 1, `unknown time zone "${zone}"`);
  const rows = readRows(text);
  if (!rows.some((row) => cellText(row, 0) === 'Closed Transactions:')) {
    throw new ImportFormatError(file, 1, 'not a MetaTrader 4 statement (no "Closed Transactions" table)');
  }
  const result: ParseResult = { executions: [], ignored: 0, errors: [], warnings: [] };
  const issue = (line: number, column: string | null, message: string): ImportIssue => ({
    file,
    line,
    column,
    message,
  });
  if (ctx.timeZone === undefined) {
    result.warnings.push(
      issue(
        1,
        null,
        'MetaTrader server time has no zone and was read as UTC; set the broker server zone (often UTC+2/+3) and import again to correct it.',
      ),
    );
  }
  const warned = new Set<string>();
  const warnOnce = (key: string, line: number, message: string): void => {
    if (!warned.has(key)) result.warnings.push(issue(line, 'Item', message));
    warned.add(key);
  };
  const accountCurrency = headerValue(rows, 'Currency:');
  const account = headerValue(rows, 'Account:');
  let section: Section | null = null;
  let columns: Columns = new Map();
  for (const row of rows) {
    const first = cellText(row, 0);
    if (row.cells.length === 1 && first.endsWith(':')) {
      section = SECTIONS[first] ?? 'other';
      continue;
    }
    if (first === 'Ticket') {
      columns = readHeader(row);
      continue;
    }
    if (!/^\d+$/.test(first) || section === null || section === 'other') continue;
    let read: Ticket | 'ignored';
    try {
      read = readTicket(row, columns, section, zone);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      result.errors.push(issue(row.line, error.column, error.message));
      continue;
    }
    if (read === 'ignored') {
      result.ignored++;
      continue;
    }
    const instrument = classify(read.symbol);
    const quantity = instrument.assetClass === 'forex' ? mul(read.lots, UNITS_PER_LOT) : read.lots;
    const currency = instrument.quoteCurrency ?? accountCurrency;
    if (instrument.assetClass !== 'forex') {
      warnOnce(
        `lots:${read.symbol}`,
        row.line,
        `${read.symbol} is not a currency pair: its size is kept in lots, as if one lot were one unit; the broker's contract size is not in the statement.`,
      );
    }
    if (accountCurrency !== null && currency !== accountCurrency) {
      warnOnce(
        `ccy:${read.symbol}`,
        row.line,
        `${read.symbol} is priced in ${currency ?? '?'}, but its commission and swap are in ${accountCurrency} and were imported unconverted.`,
      );
    }
    const base = {
      orderId: first,
      account,
      symbol: read.symbol,
      assetClass: instrument.assetClass,
      quantity,
      currency,
      line: row.line,
    };
    result.executions.push({
      ...base,
      brokerExecId: `${first}:open`,
      side: read.side,
      price: read.openPrice,
      fee: read.openFee,
      executedAt: read.openedAt,
    });
    if (read.close !== null) {
      const side: ExecutionSide = read.side === 'buy' ? 'sell' : 'buy';
      result.executions.push({
        ...base,
        brokerExecId: `${first}:close`,
        side,
        price: read.close.price,
        fee: read.close.fee,
        executedAt: read.close.at,
      });
    }
  }
  return result;
}

type Ticket = {
  symbol: string;
  side: ExecutionSide;
  lots: Decimal;
  openPrice: Decimal;
  openFee: Decimal;
  openedAt: number;
  close: { price: Decimal; fee: Decimal; at: number } | null;
};

/** A bad cell; thrown inside one row's reading and turned into that row's error. */
class CellProblem extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

function readTicket(row: Row, columns: Columns, section: Section, zone: string): Ticket | 'ignored' {
  const cells = expand(row);
  const get = (column: string): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (cells[index] ?? '');
  };
  const type = get('Type').toLowerCase();
  if (section === 'working' || PENDING_TYPES.has(type) || CASH_TYPES.has(type)) return 'ignored';
  if (type !== 'buy' && type !== 'sell') throw new CellProblem('Type', `type "${type}" is not buy or sell`);
  const number = (column: string, optional = false): Decimal => {
    const raw = get(column);
    if (raw === '' && optional) return '0';
    const parsed = parseDecimal(raw);
    if (!parsed.ok) throw new CellProblem(column, `${column}: ${parsed.error}`);
    return parsed.value;
  };
  const time = (column: string): number => {
    const parsed = parseBrokerTime(get(column), { timeZone: zone });
    if (!parsed.ok) throw new CellProblem(column, `${column}: ${parsed.error}`);
    return parsed.value;
  };
  const symbol = get('Item').toUpperCase();
  if (symbol === '') throw new CellProblem('Item', 'Item is empty');
  const ticket: Ticket = {
    symbol,
    side: type,
    lots: number('Size'),
    openPrice: number('Price'),
    openFee: negateDecimal(addDecimals(number('Commission', true), number('Taxes', true))),
    openedAt: time('Open Time'),
    close: null,
  };
  if (section === 'open') return ticket;
  const fee = negateDecimal(number('Swap', true));
  return { ...ticket, close: { price: number('Close Price'), fee, at: time('Close Time') } };
}

type Instrument = { assetClass: AssetClass; quoteCurrency: string | null };

/** FX pairs are two fiat codes ("GBPJPY", "EURUSD.m"); 6-letter CFDs still name a quote currency. */
function classify(symbol: string): Instrument {
  const m = /^([A-Z]{3})([A-Z]{3})(?:$|[^A-Z])/.exec(symbol);
  const baseCode = m?.[1] ?? '';
  const quote = m?.[2] !== undefined && FIAT.has(m[2]) ? m[2] : null;
  if (quote !== null && FIAT.has(baseCode)) return { assetClass: 'forex', quoteCurrency: quote };
  if (CRYPTO.has(baseCode)) return { assetClass: 'crypto', quoteCurrency: quote };
  // Metals, energy and index CFDs: contracts with a per-lot size, the closest class we have.
  return { assetClass: 'future', quoteCurrency: quote };
}

/** Header labels to positions; the second "Price" is the close (or current) price. */
function readHeader(row: Row): Columns {
  const columns: Columns = new Map();
  expand(row).forEach((label, index) => {
    const name = label === 'Price' && columns.has('Price') ? 'Close Price' : label.replace(/\s+/g, ' ');
    if (!columns.has(name)) columns.set(name, index);
  });
  return columns;
}

/** Cell texts laid out by column, so colspan cells ("cancelled" over four columns) keep positions. */
function expand(row: Row): string[] {
  return row.cells.flatMap((cell) => [cell.text, ...Array<string>(Math.max(0, cell.colspan - 1)).fill('')]);
}

function words(list: string): string[] {
  return list.split('|');
}

function cellText(row: Row, index: number): string {
  return row.cells[index]?.text ?? '';
}

/** "Currency: USD" style values from the statement's first rows. */
function headerValue(rows: Row[], label: string): string | null {
  for (const row of rows.slice(0, 5)) {
    for (const cell of row.cells) {
      if (cell.text.startsWith(label)) return cell.text.slice(label.length).trim() || null;
    }
  }
  return null;
}

function readRows(text: string): Row[] {
  const rows: Row[] = [];
  let row: Row | null = null;
  let cell: Cell | null = null;
  let line = 1;
  let scanned = 0;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'tr') {
        for (let i = scanned; i < parser.startIndex; i++) if (text.charCodeAt(i) === 10) line++;
        scanned = parser.startIndex;
        row = { line, cells: [] };
        rows.push(row);
      } else if (name === 'td' && row !== null) {
        cell = { text: '', colspan: Math.max(1, Number(attrs['colspan'] ?? 1) || 1) };
        row.cells.push(cell);
      }
    },
    ontext(data) {
      if (cell !== null) cell.text += data;
    },
    onclosetag(name) {
      if (name === 'td' && cell !== null) {
        // trim() also removes &nbsp; (U+00A0), which MetaTrader puts in empty cells.
        cell.text = cell.text.replace(/\s+/g, ' ').trim();
        cell = null;
      }
      if (name === 'tr') row = null;
    },
  });
  parser.end(text);
  return rows;
}
