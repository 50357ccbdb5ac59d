import type { AssetClass } from '../../../shared/domain/types';

/** Demo instruments, priced in whole ticks so P&L is exact integer arithmetic. */
export type DemoInstrument = {
  symbol: string;
  assetClass: AssetClass;
  /** Price step, as a decimal string and as cents of P&L per step per unit. */
  tick: string;
  tickValueCents: number;
  multiplier: string;
  /** Typical price, in ticks. */
  basePriceTicks: number;
  /** Fee per unit per fill, in cents (stocks: per 10 shares). */
  feeCentsPerUnit: number;
  sizes: readonly number[];
  /** Typical stop distance, in ticks. */
  stopTicks: number;
};

export const futures: readonly DemoInstrument[] = [
  {
    symbol: 'MESZ6',
    assetClass: 'future',
    tick: '0.25',
    tickValueCents: 125,
    multiplier: '5',
    basePriceTicks: 6050 * 4,
    feeCentsPerUnit: 62,
    sizes: [1, 2, 3, 4, 5, 10],
    stopTicks: 16,
  },
  {
    symbol: 'MNQZ6',
    assetClass: 'future',
    tick: '0.25',
    tickValueCents: 50,
    multiplier: '2',
    basePriceTicks: 21400 * 4,
    feeCentsPerUnit: 62,
    sizes: [1, 2, 3, 5, 10],
    stopTicks: 60,
  },
  {
    symbol: 'ESZ6',
    assetClass: 'future',
    tick: '0.25',
    tickValueCents: 1250,
    multiplier: '50',
    basePriceTicks: 6050 * 4,
    feeCentsPerUnit: 225,
    sizes: [1, 1, 2],
    stopTicks: 12,
  },
  {
    symbol: 'NQZ6',
    assetClass: 'future',
    tick: '0.25',
    tickValueCents: 500,
    multiplier: '20',
    basePriceTicks: 21400 * 4,
    feeCentsPerUnit: 225,
    sizes: [1, 1, 2],
    stopTicks: 50,
  },
  {
    symbol: 'CLF7',
    assetClass: 'future',
    tick: '0.01',
    tickValueCents: 1000,
    multiplier: '1000',
    basePriceTicks: 7150,
    feeCentsPerUnit: 225,
    sizes: [1, 1, 2],
    stopTicks: 15,
  },
];

export const stocks: readonly DemoInstrument[] = [
  {
    symbol: 'AAPL',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 23000,
    feeCentsPerUnit: 5,
    sizes: [50, 100, 200, 300],
    stopTicks: 60,
  },
  {
    symbol: 'NVDA',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 18500,
    feeCentsPerUnit: 5,
    sizes: [50, 100, 150, 200],
    stopTicks: 90,
  },
  {
    symbol: 'TSLA',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 42000,
    feeCentsPerUnit: 5,
    sizes: [20, 50, 100],
    stopTicks: 180,
  },
  {
    symbol: 'AMD',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 16000,
    feeCentsPerUnit: 5,
    sizes: [100, 200, 300],
    stopTicks: 70,
  },
  {
    symbol: 'SPY',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 66000,
    feeCentsPerUnit: 5,
    sizes: [50, 100, 200],
    stopTicks: 80,
  },
  {
    symbol: 'META',
    assetClass: 'stock',
    tick: '0.01',
    tickValueCents: 1,
    multiplier: '1',
    basePriceTicks: 71000,
    feeCentsPerUnit: 5,
    sizes: [10, 20, 50],
    stopTicks: 220,
  },
];

export const demoAccounts = [
  {
    key: 'apex',
    name: 'Apex 50K (futures)',
    broker: 'Tradovate',
    currency: 'USD',
    timeZone: 'America/Chicago',
    instruments: futures,
  },
  {
    key: 'ibkr',
    name: 'IBKR Margin (stocks)',
    broker: 'Interactive Brokers',
    currency: 'USD',
    timeZone: 'America/New_York',
    instruments: stocks,
  },
  {
    key: 'sim',
    name: 'Sim101 (practice)',
    broker: 'NinjaTrader',
    currency: 'USD',
    timeZone: 'America/New_York',
    instruments: futures.slice(0, 2),
  },
] as const;

export const demoPlaybooks = [
  {
    name: 'Opening Range Breakout',
    color: '#2f80ed',
    description: 'Trade the break of the first 15-minute range in the direction of the higher-timeframe trend.',
    rules: [
      'Wait for the 15-minute range to complete',
      'Break with volume above average',
      'Stop beyond the other side of the range',
      'Take half off at 1R',
    ],
  },
  {
    name: 'VWAP Reclaim',
    color: '#27ae60',
    description: 'Price loses VWAP, reclaims it and holds a retest.',
    rules: [
      'Clean reclaim, candle closes above VWAP',
      'Retest holds on lower volume',
      'Stop below the retest low',
      'No entries in the last 30 minutes',
    ],
  },
  {
    name: 'Trend Pullback',
    color: '#f2994a',
    description: 'Join an established trend on a pullback to the 20 EMA.',
    rules: [
      'Higher highs and higher lows on the 5-minute',
      'Pullback to the 20 EMA',
      'Entry on the first green bar',
      'Trail the stop under swing lows',
    ],
  },
  {
    name: 'Failed Breakdown',
    color: '#9b51e0',
    description: 'A break of a key low that fails and snaps back inside the range.',
    rules: [
      'Key level marked pre-market',
      'Reclaim within 3 bars',
      'Stop under the flush low',
      'Target the range high',
    ],
  },
] as const;

export const demoTags = [
  { name: 'A+ setup', color: '#27ae60' },
  { name: 'followed plan', color: '#2f80ed' },
  { name: 'scaled out', color: '#56ccf2' },
  { name: 'news', color: '#f2c94c' },
  { name: 'FOMO', color: '#eb5757' },
  { name: 'revenge', color: '#b00020' },
  { name: 'oversized', color: '#f2994a' },
] as const;

export const emotions = ['calm', 'confident', 'anxious', 'impatient', 'greedy', 'fearful', 'focused', 'bored'] as const;
export const mistakes = [
  'moved stop',
  'chased entry',
  'exited early',
  'no stop',
  'oversized',
  'traded the open',
  'ignored plan',
] as const;

export const tradeNotes = [
  'Clean setup, waited for confirmation. Managed it by the book.',
  'Entered a bit early before the candle closed. Worked out, but that was luck.',
  'Stopped out exactly at the low of the day before it ran. Stop was too tight for the volatility.',
  'Took partials at 1R and let the runner go. **This is the plan working.**',
  'Chased after missing the first entry. Need to let these go.',
  'News spike against me. Should have been flat before the release.',
  'Good read on the tape; sellers dried up at the level.',
];

export const preMarketNotes = [
  'Overnight range tight. Watching the prior day high and VWAP. CPI at 8:30, no trades before 9:45.',
  'Gap up into resistance. Plan: fade only if it fails to hold the open. Max 3 trades.',
  'Trend day potential after the breakout yesterday. Focus on pullbacks, not reversals.',
  'Choppy overnight session. Size down, A+ setups only.',
];

export const postMarketNotes = [
  'Followed the plan on every trade. Happy with the execution even on the loser.',
  'Overtraded the chop after lunch. Next time stop after two losses.',
  'Missed the best move waiting for a perfect pullback. Fine — it was not my setup.',
  'Green day, but the biggest winner came from breaking a rule. Review the FOMO entry.',
];
