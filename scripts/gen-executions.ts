// A realistic, deterministic broker export for benches and manual tests: several accounts,
// round trips with partial fills, scale in/out, shorts, overnight holds and fees per fill.
//   node --import tsx scripts/gen-executions.ts --rows 100000 --format tradezero --seed 1 --out FILE
//   node --import tsx scripts/gen-executions.ts --bytes 200M --format ninjatrader8 --out FILE
import { clock12, clock24, dates, fixed, tradingDayAfter, tradingDayOf } from './gen/calendar';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Random } from '../electron/core/demo/random';
import { findFuturesSpec } from '../shared/domain/instruments';

export type ExportFormat = 'tradezero' | 'ninjatrader8';
/** Stop after `rows` data rows, or once the file reaches about `bytes`; `accounts` overrides the count sized from that. */
export type GenerateOptions = { format: ExportFormat; seed: number; out: string; accounts?: number } & (
  { rows: number } | { bytes: number }
);
export type GenerateSummary = { rows: number; bytes: number; seconds: number; accounts: number; days: number };

type Instrument = {
  root: string;
  future: boolean;
  /** Tick as an integer number of 10^-scale units (ES 0.25 → 25 at scale 2). */
  tickUnits: number;
  scale: number;
  basePrice: number;
  price: number;
  /** Orders are sized and split in whole lots (stocks: 100 or 10 shares; futures: 1 contract). */
  lot: number;
  stopTicks: number;
  sizes: readonly number[];
  feeCents: number;
  /** Futures only. */
  cycle: Cycle | null;
};
type Account = {
  name: string;
  connection: string;
  favorites: Instrument[];
  tradesPerDay: number;
  /** Busier traders scalp: their holds and gaps between orders are this much shorter. */
  pace: number;
  perShare: boolean;
};
/** What every fill of one order shares. */
type Order = {
  account: Account;
  inst: Instrument;
  symbol: string;
  buy: boolean;
  short: boolean;
  entry: boolean;
  liq: 'A' | 'R';
  orderId: string;
  orderName: string;
};
/** One row of the export: a piece of an order, with the position after it. */
type Fill = Order & { at: number; seq: number; qty: number; price: number; position: number; execId: string };

const MINUTE = 60_000;
const FIRST_DAY = Date.UTC(2024, 0, 2);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** A futures contract cycle: listed months, the day of the month volume rolls on, and whether the front is a month out. */
type Cycle = { months: readonly number[]; rollDay: number; lead: number };
const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const INDEX: Cycle = { months: [3, 6, 9, 12], rollDay: 12, lead: 0 };
const FX: Cycle = { months: [3, 6, 9, 12], rollDay: 10, lead: 0 };
const ENERGY: Cycle = { months: ALL_MONTHS, rollDay: 19, lead: 1 };
const GOLD: Cycle = { months: [2, 4, 6, 8, 10, 12], rollDay: 25, lead: 1 };
const METAL: Cycle = { months: [3, 5, 7, 9, 12], rollDay: 25, lead: 1 };
const SOYBEANS: Cycle = { months: [1, 3, 5, 7, 8, 9, 11], rollDay: 25, lead: 1 };
const CRYPTO: Cycle = { months: ALL_MONTHS, rollDay: 25, lead: 0 };
// prettier-ignore
const STOCKS: readonly (readonly [string, number])[] = [
  ['AAPL', 225], ['NVDA', 135], ['TSLA', 350], ['AMD', 125], ['MSFT', 420], ['META', 600], ['AMZN', 210],
  ['GOOGL', 180], ['SPY', 590], ['QQQ', 510], ['GME', 27], ['AMC', 4.5], ['PLTR', 75], ['SOFI', 15],
  ['NIO', 4.6], ['MARA', 20], ['RIOT', 11], ['COIN', 260], ['SMCI', 40], ['INTC', 21],
];
// [root, price, stop in ticks, order sizes, fee per contract in cents, contract cycle]
// prettier-ignore
const FUTURES: readonly (readonly [string, number, number, readonly number[], number, Cycle])[] = [
  ['ES', 5900, 12, [1, 1, 2, 3], 225, INDEX], ['MES', 5900, 16, [1, 2, 3, 5, 10], 62, INDEX],
  ['NQ', 20800, 60, [1, 1, 2], 225, INDEX], ['MNQ', 20800, 60, [1, 2, 3, 5, 10], 62, INDEX],
  ['YM', 43000, 40, [1, 2], 225, INDEX], ['MYM', 43000, 40, [1, 2, 4, 6], 62, INDEX],
  ['RTY', 2250, 30, [1, 2], 225, INDEX], ['M2K', 2250, 30, [1, 2, 5], 62, INDEX],
  ['CL', 71, 20, [1, 2, 3], 250, ENERGY], ['MCL', 71, 20, [1, 2, 5], 75, ENERGY],
  ['NG', 3.2, 25, [1, 2], 250, ENERGY], ['GC', 2650, 30, [1, 2], 250, GOLD],
  ['MGC', 2650, 30, [1, 2, 3, 5], 75, GOLD], ['SI', 31, 20, [1], 250, METAL],
  ['HG', 4.3, 20, [1, 2], 250, METAL], ['6E', 1.08, 20, [1, 2, 3], 240, FX],
  ['6B', 1.27, 15, [1, 2], 240, FX], ['ZC', 450, 4, [1, 2, 5], 250, METAL],
  ['ZS', 1000, 6, [1, 2], 250, SOYBEANS], ['MBT', 95000, 60, [1, 2, 5], 250, CRYPTO],
];
const TRADEZERO_HEADER =
  'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
const NINJA_HEADER =
  'Instrument,Action,Quantity,Price,Time,ID,E/X,Position,Order ID,Name,Commission,Rate,Account,Connection,';
/** Rough bytes per data row, to size the account count when only a byte target is given. */
const ROW_BYTES: Record<ExportFormat, number> = { tradezero: 105, ninjatrader8: 160 };

/** Write the export, streaming it a trading day at a time. */
export async function generateExecutions(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const rng = new Random(options.seed);
  const limit = 'rows' in options ? { rows: options.rows, bytes: Infinity } : { rows: Infinity, bytes: options.bytes };
  const expectedRows = Math.min(limit.rows, limit.bytes / ROW_BYTES[options.format]);
  // A typical account makes ~50 fills a day. Bigger files get up to 12 accounts and then busier
  // traders (scalpers), so the dates span about a year and a half rather than decades.
  const count = options.accounts ?? Math.min(12, Math.max(3, Math.ceil(expectedRows / 20_000)));
  const activity = Math.max(1, expectedRows / (count * 50 * 375));
  const accounts = makeAccounts(rng, options.format, count, activity);
  const header = options.format === 'tradezero' ? TRADEZERO_HEADER : NINJA_HEADER;
  const stream = createWriteStream(options.out);
  let bytes = header.length + 1;
  stream.write(`${header}\n`);
  let rows = 0;
  let days = 0;
  const carried = new Map<number, Fill[]>();
  const busyUntil = new Map<string, number>();
  let seq = 0;
  for (let day = FIRST_DAY; rows < limit.rows && bytes < limit.bytes; day = tradingDayAfter(day, 1)) {
    const fills = carried.get(day) ?? [];
    carried.delete(day);
    for (const account of accounts) {
      for (const start of tradeStarts(rng, account, day)) {
        const inst = rng.pick(account.favorites);
        const key = `${account.name}|${inst.root}`;
        if ((busyUntil.get(key) ?? 0) > start) continue;
        const plan = planTrade(rng, account, inst, start, day, options.format === 'ninjatrader8');
        for (const f of plan) {
          f.seq = seq++;
          const fillDay = tradingDayOf(f.at, inst.future);
          if (fillDay === day) fills.push(f);
          else carried.set(fillDay, [...(carried.get(fillDay) ?? []), f]); // held overnight
        }
        busyUntil.set(key, (plan[plan.length - 1]?.at ?? start) + 1000);
      }
    }
    fills.sort((a, b) => a.at - b.at || a.seq - b.seq);
    let chunk = '';
    for (const f of fills) {
      if (rows >= limit.rows || bytes + chunk.length >= limit.bytes) break;
      chunk += options.format === 'tradezero' ? tradezeroRow(rng, f) : ninjaRow(f);
      rows++;
    }
    bytes += chunk.length;
    days++;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
  return { rows, bytes, seconds: (performance.now() - started) / 1000, accounts: accounts.length, days };
}

function makeAccounts(rng: Random, format: ExportFormat, count: number, activity: number): Account[] {
  const instruments = format === 'tradezero' ? stockInstruments() : futureInstruments();
  const props = ['APEX', 'TPT', 'TOPSTEP'];
  return Array.from({ length: count }, (_, i) => {
    const favorites = [...instruments].sort(() => rng.next() - 0.5).slice(0, rng.int(5, 10));
    const prop = props[i % props.length] ?? 'APEX';
    const name =
      format === 'tradezero'
        ? `TZ${String(rng.int(1, 999_999)).padStart(6, '0')}`
        : i === 0
          ? 'Sim101'
          : `${prop}-${rng.int(10_000, 99_999)}-${String(i).padStart(2, '0')}`;
    const connection = i === 0 ? 'Simulated Data Feed' : prop === 'TPT' ? 'Tradovate' : 'Rithmic for NinjaTrader';
    const tradesPerDay = rng.int(6, 24) * activity;
    return { name, connection, favorites, tradesPerDay, pace: 1 / activity, perShare: rng.chance(0.5) };
  });
}

function stockInstruments(): Instrument[] {
  return STOCKS.map(([root, dollars]) => {
    const cents = Math.round(dollars * 100);
    const lot = dollars > 200 ? 10 : 100;
    const shares = (notional: number) => Math.max(lot, Math.round(notional / dollars / lot) * lot);
    const sizes = [5_000, 10_000, 20_000, 40_000].map(shares);
    const stopTicks = Math.max(3, Math.round(cents * 0.004));
    const prices = { basePrice: cents, price: cents };
    return { root, future: false, tickUnits: 1, scale: 2, ...prices, lot, stopTicks, sizes, feeCents: 0, cycle: null };
  });
}

function futureInstruments(): Instrument[] {
  return FUTURES.map(([root, price, stopTicks, sizes, feeCents, cycle]) => {
    const tick = findFuturesSpec(root)?.tickSize ?? '0.01';
    const scale = tick.split('.')[1]?.length ?? 0;
    const tickUnits = Math.round(Number(tick) * 10 ** scale);
    const ticks = Math.round((price * 10 ** scale) / tickUnits);
    const prices = { basePrice: ticks, price: ticks };
    return { root, future: true, tickUnits, scale, ...prices, lot: 1, stopTicks, sizes, feeCents, cycle };
  });
}

// [share, first, last minute after midnight] of trade starts: regular hours mostly; pre-market and after-hours
// for stocks, the overnight session (from 18:00 the evening before) for futures.
// prettier-ignore
const SESSIONS = {
  stock: [[0.85, 570, 955], [0.1, 420, 569], [0.05, 960, 1170]], future: [[0.75, 570, 950], [0.25, -360, 569]],
} as const;

/** Start times of one account's trades on one day, in order (wall clock, as UTC ms). */
function tradeStarts(rng: Random, account: Account, day: number): number[] {
  if (rng.chance(0.05)) return [];
  const count = Math.round(account.tradesPerDay * (0.4 + 1.2 * rng.next()));
  const windows = account.favorites[0]?.future ? SESSIONS.future : SESSIONS.stock;
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    let r = rng.next();
    const [, from, to] = windows.find(([share]) => (r -= share) < 0) ?? windows[0];
    starts.push(day + rng.int(from, to) * MINUTE + rng.int(0, 59_999));
  }
  return starts.sort((a, b) => a - b);
}

// How many entry orders (scale-ins), exit orders (scale-outs) and fills per order, by relative weight.
// prettier-ignore
const WEIGHTS = {
  entries: [[1, 70], [2, 22], [3, 8]], exits: [[1, 55], [2, 30], [3, 15]], pieces: [[1, 50], [2, 25], [3, 15], [4, 10]],
} as const;

/** One round trip: an entry order, maybe scale-ins, then one to three exit orders; each order fills in 1-4 pieces. */
function planTrade(rng: Random, account: Account, inst: Instrument, start: number, day: number, ids: boolean): Fill[] {
  const short = rng.chance(inst.future ? 0.45 : 0.3);
  const drift = Math.round(rng.gauss() * inst.stopTicks * 3 + (inst.basePrice - inst.price) * 0.02);
  inst.price = Math.max(100, inst.price + drift);
  const symbol = inst.cycle ? contractSymbol(inst.root, inst.cycle, start) : inst.root;
  const lot = inst.lot;
  const fills: Fill[] = [];
  let position = 0;
  let at = start;
  const order = (entry: boolean, qty: number, limitPrice: number, orderName: string) => {
    const buy = entry !== short;
    const liq = rng.chance(entry ? 0.4 : 0.25) ? 'A' : 'R';
    const orderId = ids ? rng.hex(32) : '';
    let price = limitPrice;
    for (const piece of splitOrder(rng, qty, lot)) {
      position += buy ? piece : -piece;
      const execId = ids ? rng.hex(32) : '';
      fills.push({ at, seq: 0, account, inst, symbol, buy, short, entry, qty: piece, price, position, liq, orderId, orderName, execId }); // prettier-ignore
      // The next piece fills a moment later, at the same price or a tick worse.
      at += rng.int(0, 1500);
      if (rng.chance(0.5)) price += buy ? 1 : -1;
    }
  };
  const entries = rng.weighted(WEIGHTS.entries);
  for (let i = 0; i < entries; i++) {
    const price = inst.price + (i === 0 ? 0 : rng.int(-inst.stopTicks, inst.stopTicks));
    order(true, rng.pick(inst.sizes), price, 'Entry');
    at += Math.round(rng.int(20, 600) * 1000 * account.pace);
  }
  // Intraday trades end before the session does (futures 17:00, stocks 20:00); a few are held overnight.
  const sessionEnd = day + (inst.future ? 17 : 20) * 60 * MINUTE;
  const overnight = rng.chance(inst.future ? 0.04 : 0.03);
  at = overnight
    ? tradingDayAfter(day, rng.chance(0.8) ? 1 : rng.int(2, 3)) + rng.int(570, 700) * MINUTE
    : Math.min(at + Math.round(rng.int(15, 2400) * 1000 * account.pace), Math.max(at, sessionEnd - 10 * MINUTE));
  const lots = Math.floor(Math.abs(position) / lot);
  const exits = Math.max(1, Math.min(rng.weighted(WEIGHTS.exits), lots));
  const move = Math.round(rng.gauss() * inst.stopTicks * 1.5 + inst.stopTicks * 0.15);
  const dir = short ? -1 : 1;
  for (let left = exits; left > 0; left--) {
    // Scale out: earlier exits take a share of the lots and leave at least one lot for each exit still to come.
    const qty = left === 1 ? Math.abs(position) : lot * rng.int(1, Math.max(1, Math.floor(lots / exits)));
    const name = left === 1 ? (move < 0 ? 'Stop1' : 'Close') : `Target${exits - left + 1}`;
    order(false, qty, inst.price + dir * (move + (exits - left) * rng.int(0, inst.stopTicks)), name);
    at += Math.round(rng.int(10, 900) * 1000 * account.pace);
  }
  return fills;
}

/** An order's quantity in 1-4 pieces, each a whole number of lots (any odd shares go to the last). */
function splitOrder(rng: Random, qty: number, lot: number): number[] {
  const lots = Math.floor(qty / lot);
  const pieces = Math.max(1, Math.min(lots, rng.weighted(WEIGHTS.pieces)));
  const out: number[] = [];
  let left = lots;
  for (let i = pieces; i > 1; i--) {
    const take = rng.int(1, left - i + 1);
    out.push(take * lot);
    left -= take;
  }
  out.push(left * lot + (qty % lot));
  return out;
}

/** The front contract on a date ("MNQ MAR25"): the first listed month still trading after the roll. */
function contractSymbol(root: string, cycle: Cycle, at: number): string {
  const date = new Date(at);
  let year = date.getUTCFullYear();
  let target = date.getUTCMonth() + 1 + cycle.lead + (date.getUTCDate() >= cycle.rollDay ? 1 : 0);
  let month = cycle.months.find((m) => m >= target);
  while (month === undefined) {
    year += 1;
    target -= 12;
    month = cycle.months.find((m) => m >= target);
  }
  return `${root} ${MONTHS[month - 1] ?? ''}${String(year % 100).padStart(2, '0')}`;
}

function tradezeroRow(rng: Random, f: Fill): string {
  const gross = (f.buy ? -1 : 1) * f.qty * f.price;
  const comm = f.account.perShare ? Math.max(99, Math.round(f.qty * 0.5)) : 0;
  // SEC fee ($27.80 per million sold) and FINRA TAF ($0.000166 a share, at most $8.30) on sales only.
  const sec = f.buy ? 0 : Math.ceil((f.qty * f.price * 278) / 10_000_000);
  const taf = f.buy ? 0 : Math.min(830, Math.ceil(f.qty * 0.0166));
  const ecnRemove = f.liq === 'R' ? Math.round(f.qty * 0.3) : 0;
  const ecnAdd = f.liq === 'A' ? -Math.round(f.qty * 0.2) : 0;
  const net = gross - comm - sec - taf - ecnRemove - ecnAdd;
  const side = f.entry ? (f.short ? 'SS' : 'B') : f.short ? 'BC' : 'S';
  const note = rng.chance(0.002) ? '"partial, then filled"' : '';
  const money = (cents: number) => fixed(cents, 2, 0);
  return `${f.account.name},${dates(f.at).trade},${dates(f.at).settle},USD,${f.short ? 3 : 2},${side},${f.symbol},${f.qty},${fixed(f.price, 2, 2)},${clock24(f.at)},${money(comm)},${money(sec)},${money(taf)},0,0,${money(ecnRemove)},${money(ecnAdd)},${money(gross)},${money(net)},VELO,${f.liq},${note}\n`;
}

function ninjaRow(f: Fill): string {
  const i = f.inst;
  const position = f.position === 0 ? '-' : `${Math.abs(f.position)} ${f.position > 0 ? 'L' : 'S'}`;
  const commission = `$${fixed(f.qty * i.feeCents, 2, 2)}`;
  return `${f.symbol},${f.buy ? 'Buy' : 'Sell'},${f.qty},${fixed(f.price * i.tickUnits, i.scale, i.scale)},${dates(f.at).short} ${clock12(f.at)},${f.execId},${f.entry ? 'Entry' : 'Exit'},${position},${f.orderId},${f.orderName},${commission},1,${f.account.name},${f.account.connection},\n`;
}

/** An integer count of 10^-scale units as decimal text with at least `minDecimals` decimals. */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)B?$/i.exec(text.trim());
  if (!m) throw new Error(`--bytes ${text}: expected a size like 200M`);
  const power = ['', 'K', 'M', 'G'].indexOf((m[2] ?? '').toUpperCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      bytes: { type: 'string' },
      format: { type: 'string', default: 'tradezero' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      accounts: { type: 'string' },
    },
  });
  const { format, out, rows, bytes, accounts } = values;
  if (format !== 'tradezero' && format !== 'ninjatrader8') throw new Error('--format: tradezero or ninjatrader8');
  if (!out || (rows === undefined) === (bytes === undefined))
    throw new Error('give --out FILE and --rows N or --bytes SIZE');
  if (rows !== undefined && !/^[1-9]\d*$/.test(rows)) throw new Error('--rows must be a count');
  const base = { format, seed: Number(values.seed), out, ...(accounts ? { accounts: Number(accounts) } : {}) } as const;
  const s = await generateExecutions(
    bytes === undefined ? { ...base, rows: Number(rows) } : { ...base, bytes: parseSize(bytes) },
  );
  const size = `${s.bytes} bytes (${(s.bytes / 1024 / 1024).toFixed(1)} MiB)`;
  console.log(
    `${format}: ${s.rows} rows, ${size}, ${s.accounts} accounts, ${s.days} days → ${out} in ${s.seconds.toFixed(2)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
