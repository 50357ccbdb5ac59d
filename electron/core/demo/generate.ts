import { zonedTimeToUtc } from '../../../shared/import/time';
import { demoAccounts, emotions, mistakes, tradeNotes, type DemoInstrument } from './catalog';
import { Random } from './random';
import { formatScaled, tickScale } from './scaled';

export type DemoFill = { side: 'buy' | 'sell'; quantity: number; priceTicks: number; feeCents: number; at: number };

/** One generated round trip, in exact integer units, before it is written. */
export type DemoTrade = {
  accountKey: (typeof demoAccounts)[number]['key'];
  instrument: DemoInstrument;
  side: 'long' | 'short';
  quantity: number;
  fills: DemoFill[];
  grossCents: number;
  feeCents: number;
  stopTicks: number | null;
  playbookIndex: number | null;
  rating: number | null;
  notes: string;
  emotions: string[];
  mistakes: string[];
  tagNames: string[];
  day: string;
};

const outcomes: readonly (readonly [number, number])[] = [
  [-1, 28],
  [-0.6, 10],
  [0, 6],
  [0.5, 10],
  [1, 16],
  [1.5, 11],
  [2, 12],
  [3, 7],
];

/** Trading days (weekdays) ending at `endDay`, oldest first. */
export function tradingDays(endDay: string, count: number): string[] {
  const days: string[] = [];
  const cursor = new Date(`${endDay}T00:00:00Z`);
  while (days.length < count) {
    const weekday = cursor.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() - 1);
  }
  return days.reverse();
}

/** UTC ms of 09:30 New York time on `day` (EST or EDT as the date requires). */
export function sessionOpenUtc(day: string): number {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  return zonedTimeToUtc({ year, month, day: date, hour: 9, minute: 30, second: 0, millisecond: 0 }, 'America/New_York');
}

/**
 * About five years of trading days: four trades a day until then, more a day beyond it. A
 * journal of 100k trades is a busy trader's five years, not a century (the benches' journals
 * reached back to about 1930, which made every per-day figure cost 20 times what it would).
 */
const MAX_DAYS = 1_250;

/** Build `count` realistic trades across trading days ending at `endDay`. Same inputs, same trades. */
export function generateDemoTrades(count: number, seed: number, endDay: string): DemoTrade[] {
  const rng = new Random(seed);
  const days = tradingDays(endDay, Math.max(1, Math.min(Math.ceil(count / 4), MAX_DAYS)));
  const walk = new Map<string, number>();
  // One position per account and symbol at a time, so each generated trade is one round trip.
  const lastExit = new Map<string, number>();
  const trades: DemoTrade[] = [];
  for (let i = 0; i < count; i++) {
    const day = days[Math.floor((i * days.length) / count)] ?? endDay;
    const account = rng.weighted(demoAccounts.map((a, k) => [a, k === 2 ? 1 : 3] as const));
    const instrument = rng.pick(account.instruments);
    const level =
      (walk.get(instrument.symbol) ?? instrument.basePriceTicks) + Math.round(rng.gauss() * instrument.stopTicks * 2);
    walk.set(instrument.symbol, Math.max(instrument.basePriceTicks / 2, level));
    const key = `${account.key}|${instrument.symbol}`;
    const trade = buildTrade(rng, account.key, instrument, level, day, (lastExit.get(key) ?? 0) + 60_000);
    lastExit.set(key, trade.fills[trade.fills.length - 1]?.at ?? 0);
    trades.push(trade);
  }
  return trades;
}

function buildTrade(
  rng: Random,
  accountKey: DemoTrade['accountKey'],
  inst: DemoInstrument,
  level: number,
  day: string,
  notBefore: number,
): DemoTrade {
  const side = rng.chance(0.58) ? 'long' : 'short';
  const dir = side === 'long' ? 1 : -1;
  const quantity = rng.pick(inst.sizes);
  const stopTicks = Math.max(2, Math.round(inst.stopTicks * (0.7 + rng.next() * 0.7)));
  const r = rng.weighted(outcomes);
  const move = Math.round(r * stopTicks) + rng.int(-1, 1);
  const openedAt = Math.max(notBefore, sessionOpenUtc(day) + rng.int(0, 360) * 60_000 + rng.int(0, 59) * 1000);
  const holdMs = (r > 0 ? rng.int(3, 95) : rng.int(1, 45)) * 60_000 + rng.int(0, 59) * 1000;

  const entries = splitQuantity(rng, quantity, rng.chance(0.3) ? 2 : 1);
  const exits = splitQuantity(rng, quantity, r > 0 && quantity >= 2 && rng.chance(0.5) ? rng.int(2, 3) : 1);
  const fills: DemoFill[] = [];
  const open = side === 'long' ? 'buy' : 'sell';
  const close = side === 'long' ? 'sell' : 'buy';
  entries.forEach((q, k) => fills.push(fill(inst, open, q, level + k * dir, openedAt + k * 4_000)));
  exits.forEach((q, k) => {
    const at = openedAt + Math.round((holdMs * (k + 1)) / exits.length);
    const price = level + dir * Math.round((move * (k + 1 + exits.length)) / (2 * exits.length));
    fills.push(fill(inst, close, q, price, at));
  });
  const cost = fills.filter((f) => f.side === 'buy').reduce((s, f) => s + f.priceTicks * f.quantity, 0);
  const proceeds = fills.filter((f) => f.side === 'sell').reduce((s, f) => s + f.priceTicks * f.quantity, 0);
  const grossCents = (proceeds - cost) * inst.tickValueCents;
  const feeCents = fills.reduce((s, f) => s + f.feeCents, 0);
  const loser = grossCents - feeCents < 0;
  const tagNames: string[] = [];
  if (!loser && rng.chance(0.5)) tagNames.push('followed plan');
  if (r >= 2 && rng.chance(0.6)) tagNames.push('A+ setup');
  if (exits.length > 1) tagNames.push('scaled out');
  if (loser && rng.chance(0.15)) tagNames.push(rng.pick(['FOMO', 'revenge'] as const));
  if (quantity === inst.sizes[inst.sizes.length - 1] && rng.chance(0.5)) tagNames.push('oversized');
  if (rng.chance(0.05)) tagNames.push('news');
  return {
    accountKey,
    instrument: inst,
    side,
    quantity,
    fills,
    grossCents,
    feeCents,
    stopTicks: rng.chance(0.75) ? stopTicks : null,
    playbookIndex: rng.chance(0.8) ? rng.int(0, 3) : null,
    rating: rng.chance(0.6) ? rng.int(loser ? 1 : 3, loser ? 4 : 5) : null,
    notes: rng.chance(0.3) ? rng.pick(tradeNotes) : '',
    emotions: rng.chance(0.4) ? [rng.pick(emotions)] : [],
    mistakes: loser && rng.chance(0.35) ? [rng.pick(mistakes)] : [],
    tagNames,
    day,
  };
}

function fill(inst: DemoInstrument, side: 'buy' | 'sell', quantity: number, priceTicks: number, at: number): DemoFill {
  const feeCents =
    inst.assetClass === 'stock'
      ? Math.max(100, Math.round((quantity * inst.feeCentsPerUnit) / 10))
      : quantity * inst.feeCentsPerUnit;
  return { side, quantity, priceTicks, feeCents, at };
}

function splitQuantity(rng: Random, total: number, parts: number): number[] {
  if (parts <= 1 || total < parts) return [total];
  const out: number[] = [];
  let left = total;
  for (let k = parts; k > 1; k--) {
    const q = Math.max(1, Math.min(left - (k - 1), Math.round(left / k) + rng.int(-1, 1)));
    out.push(q);
    left -= q;
  }
  out.push(left);
  return out;
}

/** A price in ticks as the decimal string a broker would print. */
export function priceText(inst: DemoInstrument, ticks: number): string {
  const { step, decimals } = tickScale(inst.tick);
  return formatScaled(ticks * step, decimals);
}
