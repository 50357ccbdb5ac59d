import { mul } from './money';
import type { AssetClass, Decimal } from './types';

/** A listed futures contract: what one point of price is worth and how finely it trades. */
export type FuturesSpec = {
  root: string;
  name: string;
  /** Money per 1.0 of price per contract (ES: 50, so 1 point = $50). */
  pointValue: Decimal;
  tickSize: Decimal;
  currency: string;
  exchange: string;
};

// [root, name, exchange, point value, tick size], from the exchanges' contract specifications.
// Prices are in the exchange's own quotation: treasuries in points (110.5, not 110'16), grains
// in cents per bushel (ZC 450.25), so parsers must convert 32nds and dollar quotes first.
const SPEC_ROWS: readonly (readonly [string, string, string, Decimal, Decimal])[] = [
  ['ES', 'E-mini S&P 500', 'CME', '50', '0.25'],
  ['MES', 'Micro E-mini S&P 500', 'CME', '5', '0.25'],
  ['NQ', 'E-mini Nasdaq-100', 'CME', '20', '0.25'],
  ['MNQ', 'Micro E-mini Nasdaq-100', 'CME', '2', '0.25'],
  ['YM', 'E-mini Dow ($5)', 'CBOT', '5', '1'],
  ['MYM', 'Micro E-mini Dow', 'CBOT', '0.5', '1'],
  ['RTY', 'E-mini Russell 2000', 'CME', '50', '0.1'],
  ['M2K', 'Micro E-mini Russell 2000', 'CME', '5', '0.1'],
  ['EMD', 'E-mini S&P MidCap 400', 'CME', '100', '0.1'],
  ['NKD', 'Nikkei 225 (USD)', 'CME', '5', '5'],
  ['CL', 'Crude Oil (WTI)', 'NYMEX', '1000', '0.01'],
  ['MCL', 'Micro WTI Crude Oil', 'NYMEX', '100', '0.01'],
  ['QM', 'E-mini Crude Oil', 'NYMEX', '500', '0.025'],
  ['NG', 'Henry Hub Natural Gas', 'NYMEX', '10000', '0.001'],
  ['RB', 'RBOB Gasoline', 'NYMEX', '42000', '0.0001'],
  ['HO', 'NY Harbor ULSD', 'NYMEX', '42000', '0.0001'],
  ['GC', 'Gold', 'COMEX', '100', '0.1'],
  ['MGC', 'Micro Gold', 'COMEX', '10', '0.1'],
  ['SI', 'Silver', 'COMEX', '5000', '0.005'],
  ['SIL', 'Micro Silver', 'COMEX', '1000', '0.005'],
  ['HG', 'Copper', 'COMEX', '25000', '0.0005'],
  ['MHG', 'Micro Copper', 'COMEX', '2500', '0.0005'],
  ['PL', 'Platinum', 'NYMEX', '50', '0.1'],
  ['6E', 'Euro FX', 'CME', '125000', '0.00005'],
  ['M6E', 'Micro EUR/USD', 'CME', '12500', '0.0001'],
  ['6B', 'British Pound', 'CME', '62500', '0.0001'],
  ['M6B', 'Micro GBP/USD', 'CME', '6250', '0.0001'],
  ['6J', 'Japanese Yen', 'CME', '12500000', '0.0000005'],
  ['6A', 'Australian Dollar', 'CME', '100000', '0.0001'],
  ['6C', 'Canadian Dollar', 'CME', '100000', '0.00005'],
  ['6S', 'Swiss Franc', 'CME', '125000', '0.0001'],
  ['ZT', '2-Year T-Note', 'CBOT', '2000', '0.00390625'],
  ['ZF', '5-Year T-Note', 'CBOT', '1000', '0.0078125'],
  ['ZN', '10-Year T-Note', 'CBOT', '1000', '0.015625'],
  ['ZB', 'U.S. Treasury Bond', 'CBOT', '1000', '0.03125'],
  ['UB', 'Ultra U.S. Treasury Bond', 'CBOT', '1000', '0.03125'],
  ['ZC', 'Corn (cents/bu)', 'CBOT', '50', '0.25'],
  ['ZS', 'Soybeans (cents/bu)', 'CBOT', '50', '0.25'],
  ['ZW', 'Chicago SRW Wheat (cents/bu)', 'CBOT', '50', '0.25'],
  ['ZM', 'Soybean Meal', 'CBOT', '100', '0.1'],
  ['ZL', 'Soybean Oil (cents/lb)', 'CBOT', '600', '0.01'],
  ['BTC', 'Bitcoin', 'CME', '5', '5'],
  ['MBT', 'Micro Bitcoin', 'CME', '0.1', '5'],
  ['ETH', 'Ether', 'CME', '50', '0.5'],
  ['MET', 'Micro Ether', 'CME', '0.1', '0.5'],
];

/** Every futures contract the journal knows, in table order. */
export const FUTURES_SPECS: readonly FuturesSpec[] = SPEC_ROWS.map(([root, name, exchange, pointValue, tickSize]) => ({
  root,
  name,
  pointValue,
  tickSize,
  currency: 'USD',
  exchange,
}));

// A Map, not an object, so a root like "CONSTRUCTOR" cannot find Object.prototype members.
const SPECS_BY_ROOT: ReadonlyMap<string, FuturesSpec> = new Map(FUTURES_SPECS.map((s) => [s.root, s]));

/** The spec for a futures root ("MES"), or null when the table does not have it. */
export function findFuturesSpec(root: string): FuturesSpec | null {
  return SPECS_BY_ROOT.get(root.toUpperCase()) ?? null;
}

/** A futures symbol split into its parts; `year` is four digits. */
export type FuturesSymbol = { root: string; month: number; year: number };

const MONTH_CODES = 'FGHJKMNQUVXZ';
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const CODE_FORM = /^([A-Z0-9]{1,5}?)([FGHJKMNQUVXZ])(\d{1,2}|\d{4})$/; // MESZ5, MESZ25, ESZ2024
const NUMERIC_FORM = /^([A-Z0-9]{1,5}) (\d{1,2})-(\d{2}|\d{4})$/; // MES 12-25 (NinjaTrader)
const NAMED_FORM = /^([A-Z0-9]{1,5}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) ?'?(\d{2}|\d{4})$/; // MNQ DEC24

/** Upper-cases and strips thinkorswim's leading "/" and an exchange suffix (":XCME"). */
function normalizeFuturesSymbol(symbol: string): string {
  return symbol
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/^\//, '')
    .replace(/:[A-Z]+$/, '');
}

/** Root, month (1-12) and the year digits as written, or null. */
function splitFuturesSymbol(symbol: string): { root: string; month: number; yearText: string } | null {
  const text = normalizeFuturesSymbol(symbol);
  let m = CODE_FORM.exec(text);
  if (m?.[1] && m[2] && m[3]) return { root: m[1], month: MONTH_CODES.indexOf(m[2]) + 1, yearText: m[3] };
  m = NUMERIC_FORM.exec(text);
  if (m?.[1] && m[2] && m[3]) return { root: m[1], month: Number(m[2]), yearText: m[3] };
  m = NAMED_FORM.exec(text);
  if (m?.[1] && m[2] && m[3]) return { root: m[1], month: MONTH_NAMES.indexOf(m[2]) + 1, yearText: m[3] };
  return null;
}

/**
 * Reads MESZ5, MESZ25, ESZ2024, /MESZ25 (thinkorswim), MES 12-25 (NinjaTrader) and MNQ DEC24.
 * A one-digit year is placed in the ten years from `referenceYear - 1` (default: this year),
 * since a contract traded in year Y cannot have expired before Y - 1.
 */
export function parseFuturesSymbol(symbol: string, options?: { referenceYear?: number }): FuturesSymbol | null {
  const parts = splitFuturesSymbol(symbol);
  if (!parts || parts.month < 1 || parts.month > 12) return null;
  const { root, month, yearText } = parts;
  const digits = Number(yearText);
  let year = digits;
  if (yearText.length === 2) year = 2000 + digits;
  if (yearText.length === 1) {
    const base = (options?.referenceYear ?? new Date().getUTCFullYear()) - 1;
    year = base + ((digits - (base % 10) + 10) % 10);
  }
  return { root, month, year };
}

/** An option symbol split into its parts; `expiry` is YYYY-MM-DD. */
export type OptionSymbol = { underlying: string; expiry: string; right: 'call' | 'put'; strike: Decimal };

const OCC_FORM = /^([A-Z][A-Z0-9.]{0,5}) *(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/; // AAPL  240119C00190000
const COMPACT_FORM = /^([A-Z][A-Z0-9.]{0,5}) *(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/; // AAPL240119C190

/** Reads OCC symbols (`AAPL  240119C00190000`) and their compact form (`AAPL240119C190`, `.AAPL240119C190`). */
export function parseOptionSymbol(symbol: string): OptionSymbol | null {
  const text = symbol.trim().toUpperCase().replace(/^[.-]/, '');
  const occ = OCC_FORM.exec(text);
  const m = occ ?? COMPACT_FORM.exec(text);
  if (!m?.[1] || !m[2] || !m[3] || !m[4] || !m[5] || !m[6]) return null;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // OCC writes the strike ×1000 in eight digits: 00190000 is 190.
  const strike = occ ? mul(m[6], '0.001') : mul(m[6], '1');
  return { underlying: m[1], expiry: `20${m[2]}-${m[3]}-${m[4]}`, right: m[5] === 'C' ? 'call' : 'put', strike };
}

/** How the P&L engine values one symbol. */
export type Instrument = {
  assetClass: AssetClass;
  root: string;
  /** Money per 1.0 of price per unit of quantity (ES 50, options 100, stocks 1). */
  multiplier: Decimal;
  tickSize: Decimal | null;
  /** Currency prices are quoted in, when the instrument fixes it (futures, forex pairs); else null. */
  currency: string | null;
  underlying: string | null;
};

/** An instrument plus what the trader should know about how it was resolved. */
export type ResolvedInstrument = Instrument & { warning: string | null };

/** Units of the base currency in one standard forex lot. */
export const FOREX_LOT_UNITS: Decimal = '100000';

/**
 * Converts forex lots to units of the base currency. The engine expects forex quantities in
 * units (multiplier 1), so parsers of lot-based files (MT4/MT5) call this; CFDs and metals
 * have other contract sizes (XAUUSD: 100 oz a lot), so pass the broker's size for those.
 */
export function forexLotsToUnits(lots: Decimal, unitsPerLot: Decimal = FOREX_LOT_UNITS): Decimal {
  return mul(lots, unitsPerLot);
}

const CRYPTO_QUOTES = ['USDT', 'USDC', 'BUSD', 'USD', 'EUR', 'GBP', 'BTC', 'ETH'];

/**
 * How to value `symbol`: its multiplier, tick size, price currency and underlying.
 * Futures come from FUTURES_SPECS; an unknown root gets multiplier 1 and a warning saying so.
 * Options use 100 (US equity options). Stocks and crypto use 1 (crypto quantities may be
 * fractional). Forex uses 1 with quantities in units of the base currency, not lots (see
 * forexLotsToUnits); P&L comes out in the quote currency (EURUSD → USD).
 */
export function resolveInstrument(symbol: string, assetClass: AssetClass): ResolvedInstrument {
  const text = symbol.trim().toUpperCase();
  switch (assetClass) {
    case 'future':
      return resolveFuture(symbol);
    case 'option':
      return resolveOption(text);
    case 'forex': {
      const pair = /^([A-Z]{3})[/._-]?([A-Z]{3})/.exec(text);
      const base = pair?.[1] ?? null;
      const quote = pair?.[2] ?? null;
      const root = base && quote ? base + quote : text;
      return { assetClass, root, multiplier: '1', tickSize: null, currency: quote, underlying: base, warning: null };
    }
    case 'crypto': {
      const split = /^([A-Z0-9]+)[/_-]([A-Z0-9]+)$/.exec(text);
      const quote = split ? null : CRYPTO_QUOTES.find((q) => text.length > q.length && text.endsWith(q));
      const base = split?.[1] ?? (quote ? text.slice(0, -quote.length) : text);
      return {
        assetClass,
        root: text,
        multiplier: '1',
        tickSize: null,
        currency: null,
        underlying: base,
        warning: null,
      };
    }
    case 'stock':
      return {
        assetClass,
        root: text,
        multiplier: '1',
        tickSize: null,
        currency: null,
        underlying: text,
        warning: null,
      };
  }
}

function resolveFuture(symbol: string): ResolvedInstrument {
  const root = splitFuturesSymbol(symbol)?.root ?? normalizeFuturesSymbol(symbol);
  const spec = findFuturesSpec(root);
  if (spec) {
    const { pointValue, tickSize, currency } = spec;
    return { assetClass: 'future', root, multiplier: pointValue, tickSize, currency, underlying: root, warning: null };
  }
  return {
    assetClass: 'future',
    root,
    multiplier: '1',
    tickSize: null,
    currency: null,
    underlying: root,
    warning:
      `Unknown futures contract "${root}" (symbol ${symbol}): its point value is not in the instruments table, ` +
      'so P&L is shown in price points × contracts (multiplier 1), not in money.',
  };
}

function resolveOption(text: string): ResolvedInstrument {
  const parsed = parseOptionSymbol(text);
  // IBKR-style descriptions ("AAPL 19JAN24 190 C") still start with the underlying.
  const underlying = parsed?.underlying ?? /^([A-Z][A-Z0-9.]{0,5}) /.exec(text)?.[1] ?? null;
  const root = underlying ?? text;
  // thinkorswim writes futures options as "./ESZ24C5000"; their multiplier is the future's point value.
  const warning = /^\.?\//.test(text)
    ? `Option "${text}" looks like an option on a future: P&L uses the equity-option multiplier 100, ` +
      "which is wrong unless the future's point value is 100."
    : null;
  return { assetClass: 'option', root, multiplier: '100', tickSize: null, currency: null, underlying, warning };
}
