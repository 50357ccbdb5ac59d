import { z } from 'zod';
import type { Decimal } from '../domain/types';
import { CANDLE_INTERVALS, type Candle, type CandleInterval } from '../ticks/intervals';
import { epochMs, id, timeZone } from './common';
import { method } from './define';
import { MAX_INLINE_IMPORT_BYTES } from './imports';

/** Candles for one symbol and range; `source` says where they were built from (null: no data). */
export type CandleSeries = {
  symbol: string;
  interval: CandleInterval;
  source: 'ticks' | 'bars' | null;
  candles: Candle[];
};

/** What one market data file added. */
export type TickImportSummary = {
  fileName: string;
  kind: 'ticks' | 'bars';
  /** Rows read from the file. */
  rows: number;
  /** Rows that were new; the rest were already in the journal. */
  added: number;
  symbols: string[];
  /** First and last time in the file, ms since the epoch; null for an empty file. */
  from: number | null;
  to: number | null;
};

/** Market data held for one symbol. */
export type SymbolCoverage = {
  symbol: string;
  ticks: { from: number; to: number; days: number } | null;
  bars: { from: number; to: number; count: number; periodsMs: number[] } | null;
};

/** One extreme while the trade was open: the move from entry in points, money, R, and where it was. */
export type ExcursionPoint = { points: Decimal; amount: Decimal; r: Decimal | null; price: Decimal; at: number };

/** MAE/MFE of a trade from its ticks. */
export type TradeExcursion = {
  ticks: number;
  mae: ExcursionPoint;
  mfe: ExcursionPoint;
  /** Realised move ÷ MFE (1 = exited at the best price); null when MFE is 0 or the trade is open. */
  efficiency: number | null;
  currency: string;
};

export const ticksContract = {
  /** Read a tick or OHLC bar file and add its rows in one transaction; a file with a bad row adds nothing. */
  'ticks.import': method<TickImportSummary>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        dataBase64: z
          .string()
          .max(Math.ceil(MAX_INLINE_IMPORT_BYTES / 3) * 4, 'is larger than 30 MB; use `tpj ticks import`'),
        /** For files without a symbol column. */
        symbol: z.string().trim().min(1).max(40).optional(),
        /** Zone of times written without an offset (default UTC). */
        timeZone: timeZone.optional(),
        importId: z.uuid().optional(),
      })
      .strict(),
  ),
  /** Stop a market data import that is still reading; nothing is written. */
  'ticks.cancel': method<{ cancelled: boolean }>()(z.object({ importId: z.string().min(1).max(64) }).strict()),
  /** Candles from ticks (or, where there are none in the range, from imported bars). */
  'ticks.candles': method<CandleSeries>()(
    z
      .object({
        symbol: z.string().trim().min(1).max(40),
        from: epochMs,
        to: epochMs,
        interval: z.enum(CANDLE_INTERVALS),
      })
      .strict()
      .refine((i) => i.to > i.from, { message: 'must be after from', path: ['to'] }),
  ),
  /** Which symbols have ticks or bars, and for when. */
  'ticks.coverage': method<SymbolCoverage[]>()(
    z.object({ symbol: z.string().trim().min(1).max(40).optional() }).strict(),
  ),
  /** MAE, MFE (points, money, R) and efficiency of a trade from its ticks; null without ticks while it was open. */
  'ticks.excursion': method<{ excursion: TradeExcursion | null }>()(z.object({ tradeId: id }).strict()),
};
